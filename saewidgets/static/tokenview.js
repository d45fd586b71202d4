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
  position: fixed;
  z-index: 10000;
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
`;var W={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function w(e){let t=W[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((s,u)=>s*u,1),r=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(r.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let o=r.byteOffset%t.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),i=o.buffer;return{data:new t(i,o.byteOffset,n),shape:e.shape}}function y(e,t){let n=e.shape[1]??1;return e.data.subarray(t*n,(t+1)*n)}function V(e,t,n){t.forEach((r,o)=>{if(r.length===0)throw new Error("empty buffer path");let i=e;for(let s of r.slice(0,-1))i=i[s];i[r[r.length-1]]=n[o]})}var C=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function K(e){let t=/^#([0-9a-f]{6})$/i.exec(e);if(t===null)throw new Error(`not a #rrggbb colour: ${e}`);let n=parseInt(t[1],16);return[n>>16&255,n>>8&255,n&255]}function k(e){return K(C[e%C.length])}function v(e,t){return!(t>0)||!(e>0)?0:Math.min(1,e/t)}function G(e,t){return Math.round(.85*v(e,t)*1e3)/1e3}function B(e,t,n){let r=G(t,n);return r===0?"transparent":`rgba(${e[0]}, ${e[1]}, ${e[2]}, ${r})`}function a(e,t={},...n){let r=document.createElement(e);t.class!==void 0&&(r.className=t.class),t.title!==void 0&&(r.title=t.title);for(let[o,i]of Object.entries(t.attrs??{}))r.setAttribute(o,i);for(let o of n)o==null||o===!1||r.append(typeof o=="string"?document.createTextNode(o):o);return r}function D(e,t){e.append(a("style",{},t))}function H(){let e=a("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}function U(e){let t=e.ownerDocument,n=a("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0,t.body.append(n);let r=new MutationObserver(()=>{e.isConnected||(n.remove(),r.disconnect())});return r.observe(t.body,{childList:!0,subtree:!0}),{el:n,show(o,i){n.replaceChildren(i),n.hidden=!1;let s=o.getBoundingClientRect(),u=t.documentElement,g=Math.min(s.left,u.clientWidth-n.offsetWidth-4),l=s.bottom+4,x=l+n.offsetHeight<=u.clientHeight;n.style.left=`${Math.max(0,g)}px`,n.style.top=`${x?l:Math.max(0,s.top-n.offsetHeight-4)}px`},hide(){n.hidden=!0}}}function A(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}var q=12e4;async function I(e,t,n,r=q){let[o,i]=await e(t,n,{signal:AbortSignal.timeout(r)}),s=o??{};if(s.error!==void 0)throw new Error(String(s.error));let u={value:s.value};return V(u,(s.buffer_paths??[]).map(g=>["value",...g]),i),u.value}function Y(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function E(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(r,o)=>{let i=t[t.length-1];i!==void 0&&i.kind===r&&r!=="break"?i.text+=o:t.push({kind:r,text:o})};for(let r of e)r===`
`?(n("mark","\u21B5"),n("break",`
`)):r==="	"?n("mark","\u2192"):r==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(r)?n("mark",Y(r)):n("text",r);return t}function P(e){return E(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}var O=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function X(e){let t=w(e.get("acts")),n=e.get("features"),r=n.map((o,i)=>{let s=0;for(let u=0;u<t.shape[0];u++)s=Math.max(s,t.data[u*n.length+i]);return s});return{tokens:e.get("tokens"),acts:t,features:n,topIds:w(e.get("top_ids")),topVals:w(e.get("top_vals")),labels:e.get("labels")??{},vmax:r}}function T(e,t){let n=e.labels[String(t)];return n?`#${t} ${n}`:`#${t}`}function z(e){let t=a("span",{class:"sw-swatch"});return t.style.background=`rgb(${e[0]}, ${e[1]}, ${e[2]})`,t}function Q(e,t,n){let r=n===null?-1:e.features.indexOf(n);if(r>=0)return r;let o=y(e.acts,t),i=0;for(let s=1;s<o.length;s++)v(o[s],e.vmax[s])>v(o[i],e.vmax[i])&&(i=s);return i}function Z(e,t,n){let r=y(e.acts,t),o=a("table",{});e.features.forEach((g,l)=>{let x=a("tr",{},a("td",{},z(k(l))),a("td",{},T(e,g)),a("td",{class:"sw-num"},A(r[l])));g===n&&(x.style.fontWeight="600"),o.append(x)});let i=a("table",{class:"sw-tv-top"}),s=y(e.topIds,t),u=y(e.topVals,t);for(let g=0;g<s.length;g++)u[g]>0&&i.append(a("tr",{},a("td",{},T(e,s[g])),a("td",{class:"sw-num"},A(u[g]))));return a("div",{},a("div",{class:"sw-tip-head"},a("b",{},P(e.tokens[t])),a("span",{class:"sw-muted"},`  pos ${t}`)),o,a("h4",{},`Top ${s.length} features here`),i.childElementCount>0?i:a("div",{class:"sw-muted"},"no feature fires"))}function ee({model:e,el:t,experimental:n}){let r=a("div",{class:"sw-root sw-tokenview"});D(r,j+O);let o=H(),i=a("div",{class:"sw-tv-legend"}),s=a("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});r.append(o.el),t.replaceChildren(r);let u=U(r),g=e.get("_standalone")===!0,l=null;if(e.get("live")===!0&&!g){let c=a("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),d=a("span",{class:"sw-muted"});c.value=String(e.get("text")??"");let f,p=0,m=async()=>{let b=++p;d.textContent="running\u2026";try{await I(n.invoke,"run",{text:c.value}),b===p&&o.show("")}catch(h){b===p&&o.show(String(h instanceof Error?h.message:h))}finally{b===p&&(d.textContent="")}};c.addEventListener("input",()=>{clearTimeout(f),f=setTimeout(m,600)}),e.on("change:text",()=>{document.activeElement!==c&&(c.value=String(e.get("text")??""))}),r.append(a("div",{class:"sw-tv-editor"},c,d))}r.append(i,s);let x=()=>{if(l===null)return;let c=e.get("focus"),d=e.get("selected_token");s.querySelectorAll(".sw-tok").forEach((f,p)=>{let m=Q(l,p,c),b=l.acts.data[p*l.features.length+m]??0;f.style.background=B(k(m),b,l.vmax[m]??0),f.classList.toggle("sw-selected",p===d)})},S=()=>{if(l===null)return;let c=e.get("focus"),d=(p,m,b)=>{let h=a("button",{class:"sw-chip",attrs:{type:"button"}});return b!==null&&h.append(z(b)),h.append(p),h.setAttribute("aria-pressed",String(c===m)),h.addEventListener("click",()=>{e.set("focus",m),e.save_changes()}),h},f=l;i.replaceChildren(d("all",null,null),...f.features.map((p,m)=>d(`${T(f,p)} \xB7 max ${A(f.vmax[m])}`,p,k(m))))},M=()=>{try{l=X(e),o.show(String(e.get("error")??""))}catch(c){l=null,o.show(`TokenView cannot draw its data: ${String(c)}`);return}s.replaceChildren(...l.tokens.map((c,d)=>{let f=a("span",{class:"sw-tok",attrs:{"data-i":String(d)}});for(let p of E(c))p.kind==="break"?f.append(a("br")):p.kind==="mark"?f.append(a("span",{class:"sw-ws"},p.text)):f.append(p.text);return f})),l.tokens.length===0&&s.append(a("span",{class:"sw-muted"},"(no tokens)")),S(),x()},L=c=>c instanceof Element?c.closest(".sw-tok"):null;s.addEventListener("mouseover",c=>{let d=L(c.target);d===null||l===null||u.show(d,Z(l,Number(d.dataset.i),e.get("focus")))}),s.addEventListener("mouseleave",()=>u.hide()),s.addEventListener("scroll",()=>u.hide()),s.addEventListener("click",c=>{let d=L(c.target);if(d===null)return;let f=Number(d.dataset.i);e.set("selected_token",e.get("selected_token")===f?-1:f),e.save_changes()});let N=()=>M(),R=()=>{S(),x()},_=()=>o.show(String(e.get("error")??"")),$="change:tokens change:acts change:features change:top_ids change:top_vals change:labels";return e.on($,N),e.on("change:focus change:selected_token",R),e.on("change:error",_),M(),()=>{e.off($,N),e.off("change:focus change:selected_token",R),e.off("change:error",_)}}var xe={render:ee};export{xe as default};
