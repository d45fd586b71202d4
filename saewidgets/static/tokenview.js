var j=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
   variables where they exist, with light fallbacks for standalone exports. */
.sw-root {
  position: relative;
  font-family: var(--jp-ui-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  font-size: var(--jp-ui-font-size1, 13px);
  color: var(--jp-ui-font-color1, #1f2328);
  line-height: 1.5;
}
.sw-root * { box-sizing: border-box; }
.sw-error {
  margin: 4px 0;
  padding: 6px 10px;
  border-left: 3px solid #d1242f;
  background: rgba(209, 36, 47, 0.08);
  color: var(--jp-error-color1, #b3141f);
  white-space: pre-wrap;
  font-family: var(--jp-code-font-family, ui-monospace, monospace);
  font-size: 12px;
}
.sw-muted { color: var(--jp-ui-font-color2, #656d76); }
.sw-chip {
  display: inline-flex;
  align-items: center;
  gap: 4px;
  padding: 1px 8px;
  border: 1px solid var(--jp-border-color2, #d0d7de);
  border-radius: 10px;
  background: transparent;
  color: inherit;
  font: inherit;
  cursor: pointer;
}
.sw-chip[aria-pressed="true"] { border-color: var(--jp-brand-color1, #0969da); font-weight: 600; }
.sw-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.sw-tip {
  position: absolute;
  z-index: 10;
  min-width: 160px;
  max-width: 360px;
  padding: 6px 8px;
  border: 1px solid var(--jp-border-color2, #d0d7de);
  border-radius: 4px;
  background: var(--jp-layout-color1, #fff);
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.15);
  pointer-events: none;
  font-size: 12px;
}
.sw-tip table { border-collapse: collapse; }
.sw-tip td { padding: 0 4px 0 0; white-space: nowrap; }
.sw-tip td.sw-num { padding-left: 16px; text-align: right; font-variant-numeric: tabular-nums; }
.sw-tip-head { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; margin-bottom: 2px; }
.sw-tip h4 { margin: 4px 0 2px; font-size: 11px; font-weight: 600; }
`;var K={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function w(t){let e=K[t.dtype];if(e===void 0)throw new Error(`unsupported dtype ${String(t.dtype)}`);let r=t.shape.reduce((a,f)=>a*f,1),n=t.data instanceof ArrayBuffer?new Uint8Array(t.data):new Uint8Array(t.data.buffer,t.data.byteOffset,t.data.byteLength);if(n.byteLength!==r*e.BYTES_PER_ELEMENT)throw new Error(`array of shape [${t.shape.join(", ")}] ${t.dtype} needs ${r*e.BYTES_PER_ELEMENT} bytes, got ${n.byteLength}`);let o=n.byteOffset%e.BYTES_PER_ELEMENT===0?n:new Uint8Array(n.slice()),s=o.buffer;return{data:new e(s,o.byteOffset,r),shape:t.shape}}function y(t,e){let r=t.shape[1]??1;return t.data.subarray(e*r,(e+1)*r)}function V(t,e,r){e.forEach((n,o)=>{if(n.length===0)throw new Error("empty buffer path");let s=t;for(let a of n.slice(0,-1))s=s[a];s[n[n.length-1]]=r[o]})}var B=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function W(t){let e=/^#([0-9a-f]{6})$/i.exec(t);if(e===null)throw new Error(`not a #rrggbb colour: ${t}`);let r=parseInt(e[1],16);return[r>>16&255,r>>8&255,r&255]}function k(t){return W(B[t%B.length])}function v(t,e){return!(e>0)||!(t>0)?0:Math.min(1,t/e)}function G(t,e){return Math.round(.85*v(t,e)*1e3)/1e3}function C(t,e,r){let n=G(e,r);return n===0?"transparent":`rgba(${t[0]}, ${t[1]}, ${t[2]}, ${n})`}function i(t,e={},...r){let n=document.createElement(t);e.class!==void 0&&(n.className=e.class),e.title!==void 0&&(n.title=e.title);for(let[o,s]of Object.entries(e.attrs??{}))n.setAttribute(o,s);for(let o of r)o==null||o===!1||n.append(typeof o=="string"?document.createTextNode(o):o);return n}function D(t,e){t.append(i("style",{},e))}function U(){let t=i("div",{class:"sw-error",attrs:{role:"alert"}});return t.hidden=!0,{el:t,show(e){t.textContent=e,t.hidden=e===""}}}function I(t){let e=i("div",{class:"sw-tip",attrs:{role:"tooltip"}});return e.hidden=!0,t.append(e),{el:e,show(r,n){e.replaceChildren(n),e.hidden=!1;let o=r.getBoundingClientRect(),s=t.getBoundingClientRect(),a=Math.min(o.left-s.left,Math.max(0,s.width-e.offsetWidth));e.style.left=`${Math.max(0,a)}px`,e.style.top=`${o.bottom-s.top+4}px`},hide(){e.hidden=!0}}}function A(t){if(Number.isNaN(t))return"NaN";if(!Number.isFinite(t))return t>0?"\u221E":"\u2212\u221E";if(t===0)return"0";let e=Math.abs(t);if(e<.001||e>=1e6)return t.toExponential(2).replace("-","\u2212");let r=Math.max(0,2-Math.floor(Math.log10(e)));return t.toFixed(r).replace("-","\u2212")}var q=12e4;async function P(t,e,r,n=q){let[o,s]=await t(e,r,{signal:AbortSignal.timeout(n)}),a=o??{};if(a.error!==void 0)throw new Error(String(a.error));let f={value:a.value};return V(f,(a.buffer_paths??[]).map(g=>["value",...g]),s),f.value}function Y(t){let e=t.charCodeAt(0);return e===127?"\u2421":String.fromCharCode(9216+e)}function E(t){if(t.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(t))return[{kind:"mark",text:"\xB7".repeat(t.length)}];let e=[],r=(n,o)=>{let s=e[e.length-1];s!==void 0&&s.kind===n&&n!=="break"?s.text+=o:e.push({kind:n,text:o})};for(let n of t)n===`
`?(r("mark","\u21B5"),r("break",`
`)):n==="	"?r("mark","\u2192"):n==="\r"?r("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(n)?r("mark",Y(n)):r("text",n);return e}function H(t){return E(t).filter(e=>e.kind!=="break").map(e=>e.text).join("")}var z=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
.sw-tv-editor textarea {
  flex: 1;
  min-height: 3em;
  resize: vertical;
  font-family: var(--jp-code-font-family, ui-monospace, monospace);
  font-size: 12px;
  color: inherit;
  background: var(--jp-layout-color1, #fff);
  border: 1px solid var(--jp-border-color2, #d0d7de);
  border-radius: 4px;
  padding: 4px 6px;
}
.sw-tv-legend { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 6px; }
.sw-tv-text {
  max-height: 360px;
  overflow-y: auto;
  padding: 6px 8px;
  border: 1px solid var(--jp-border-color2, #d0d7de);
  border-radius: 4px;
  white-space: pre-wrap;
  word-break: break-word;
  font-family: var(--jp-code-font-family, ui-monospace, "SFMono-Regular", monospace);
  font-size: 13px;
  line-height: 1.7;
}
.sw-tok { border-radius: 2px; cursor: pointer; }
.sw-tok:hover { outline: 1px solid var(--jp-ui-font-color2, #656d76); }
.sw-tok.sw-selected { outline: 2px solid var(--jp-brand-color1, #0969da); }
.sw-ws { opacity: 0.35; }
`;function X(t){let e=w(t.get("acts")),r=t.get("features"),n=r.map((o,s)=>{let a=0;for(let f=0;f<e.shape[0];f++)a=Math.max(a,e.data[f*r.length+s]);return a});return{tokens:t.get("tokens"),acts:e,features:r,topIds:w(t.get("top_ids")),topVals:w(t.get("top_vals")),labels:t.get("labels")??{},vmax:n}}function T(t,e){let r=t.labels[String(e)];return r?`#${e} ${r}`:`#${e}`}function O(t){let e=i("span",{class:"sw-swatch"});return e.style.background=`rgb(${t[0]}, ${t[1]}, ${t[2]})`,e}function Q(t,e,r){let n=r===null?-1:t.features.indexOf(r);if(n>=0)return n;let o=y(t.acts,e),s=0;for(let a=1;a<o.length;a++)v(o[a],t.vmax[a])>v(o[s],t.vmax[s])&&(s=a);return s}function Z(t,e,r){let n=y(t.acts,e),o=i("table",{});t.features.forEach((g,d)=>{let x=i("tr",{},i("td",{},O(k(d))),i("td",{},T(t,g)),i("td",{class:"sw-num"},A(n[d])));g===r&&(x.style.fontWeight="600"),o.append(x)});let s=i("table",{class:"sw-tv-top"}),a=y(t.topIds,e),f=y(t.topVals,e);for(let g=0;g<a.length;g++)f[g]>0&&s.append(i("tr",{},i("td",{},T(t,a[g])),i("td",{class:"sw-num"},A(f[g]))));return i("div",{},i("div",{class:"sw-tip-head"},i("b",{},H(t.tokens[e])),i("span",{class:"sw-muted"},`  pos ${e}`)),o,i("h4",{},`Top ${a.length} features here`),s.childElementCount>0?s:i("div",{class:"sw-muted"},"no feature fires"))}function tt({model:t,el:e,experimental:r}){let n=i("div",{class:"sw-root sw-tokenview"});D(n,j+z);let o=U(),s=i("div",{class:"sw-tv-legend"}),a=i("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});n.append(o.el),e.replaceChildren(n);let f=I(n),g=t.get("_standalone")===!0,d=null;if(t.get("live")===!0&&!g){let l=i("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),u=i("span",{class:"sw-muted"});l.value=String(t.get("text")??"");let p,c=0,m=async()=>{let b=++c;u.textContent="running\u2026";try{await P(r.invoke,"run",{text:l.value}),b===c&&o.show("")}catch(h){b===c&&o.show(String(h instanceof Error?h.message:h))}finally{b===c&&(u.textContent="")}};l.addEventListener("input",()=>{clearTimeout(p),p=setTimeout(m,600)}),t.on("change:text",()=>{document.activeElement!==l&&(l.value=String(t.get("text")??""))}),n.append(i("div",{class:"sw-tv-editor"},l,u))}n.append(s,a);let x=()=>{if(d===null)return;let l=t.get("focus"),u=t.get("selected_token");a.querySelectorAll(".sw-tok").forEach((p,c)=>{let m=Q(d,c,l),b=d.acts.data[c*d.features.length+m]??0;p.style.background=C(k(m),b,d.vmax[m]??0),p.classList.toggle("sw-selected",c===u)})},S=()=>{if(d===null)return;let l=t.get("focus"),u=(c,m,b)=>{let h=i("button",{class:"sw-chip",attrs:{type:"button"}});return b!==null&&h.append(O(b)),h.append(c),h.setAttribute("aria-pressed",String(l===m)),h.addEventListener("click",()=>{t.set("focus",m),t.save_changes()}),h},p=d;s.replaceChildren(u("all",null,null),...p.features.map((c,m)=>u(`${T(p,c)} \xB7 max ${A(p.vmax[m])}`,c,k(m))))},M=()=>{try{d=X(t),o.show(String(t.get("error")??""))}catch(l){d=null,o.show(`TokenView cannot draw its data: ${String(l)}`);return}a.replaceChildren(...d.tokens.map((l,u)=>{let p=i("span",{class:"sw-tok",attrs:{"data-i":String(u)}});for(let c of E(l))c.kind==="break"?p.append(i("br")):c.kind==="mark"?p.append(i("span",{class:"sw-ws"},c.text)):p.append(c.text);return p})),d.tokens.length===0&&a.append(i("span",{class:"sw-muted"},"(no tokens)")),S(),x()},L=l=>l instanceof Element?l.closest(".sw-tok"):null;a.addEventListener("mouseover",l=>{let u=L(l.target);u===null||d===null||f.show(u,Z(d,Number(u.dataset.i),t.get("focus")))}),a.addEventListener("mouseleave",()=>f.hide()),a.addEventListener("scroll",()=>f.hide()),a.addEventListener("click",l=>{let u=L(l.target);if(u===null)return;let p=Number(u.dataset.i);t.set("selected_token",t.get("selected_token")===p?-1:p),t.save_changes()});let N=()=>M(),R=()=>{S(),x()},_=()=>o.show(String(t.get("error")??"")),$="change:tokens change:acts change:features change:top_ids change:top_vals change:labels";return t.on($,N),t.on("change:focus change:selected_token",R),t.on("change:error",_),M(),()=>{t.off($,N),t.off("change:focus change:selected_token",R),t.off("change:error",_)}}var xt={render:tt};export{xt as default};
