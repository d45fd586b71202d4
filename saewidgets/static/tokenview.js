var C=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;var X={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function E(e){let t=X[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((i,c)=>i*c,1),r=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(r.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let s=r.byteOffset%t.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),o=s.buffer;return{data:new t(o,s.byteOffset,n),shape:e.shape}}function v(e,t){let n=e.shape[1]??1;return e.data.subarray(t*n,(t+1)*n)}function B(e,t,n){t.forEach((r,s)=>{if(r.length===0)throw new Error("empty buffer path");let o=e;for(let i of r.slice(0,-1))o=o[i];o[r[r.length-1]]=n[s]})}var D=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function J(e){let t=/^#([0-9a-f]{6})$/i.exec(e);if(t===null)throw new Error(`not a #rrggbb colour: ${e}`);let n=parseInt(t[1],16);return[n>>16&255,n>>8&255,n&255]}function A(e){return J(D[e%D.length])}function T(e,t){return!(t>0)||!(e>0)?0:Math.min(1,e/t)}function Q(e,t){return Math.round(.85*T(e,t)*1e3)/1e3}function j(e,t,n){let r=Q(t,n);return r===0?"transparent":`rgba(${e[0]}, ${e[1]}, ${e[2]}, ${r})`}function l(e,t={},...n){let r=document.createElement(e);t.class!==void 0&&(r.className=t.class),t.title!==void 0&&(r.title=t.title);for(let[s,o]of Object.entries(t.attrs??{}))r.setAttribute(s,o);for(let s of n)s==null||s===!1||r.append(typeof s=="string"?document.createTextNode(s):s);return r}function O(e,t){e.append(l("style",{},t))}function H(){let e=l("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}var M=12;function P(e){let t=e.ownerDocument,n=l("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0;let r=null,s=()=>{n.isConnected||(t.body.append(n),r=new MutationObserver(()=>{e.isConnected||(n.remove(),r?.disconnect(),r=null)}),r.observe(t.body,{childList:!0,subtree:!0}))},o=t.documentElement;return{el:n,show(i,c){s(),n.replaceChildren(c),n.hidden=!1;let a=i.getBoundingClientRect(),p=Math.min(a.left,o.clientWidth-n.offsetWidth-4),u=a.bottom+4,b=u+n.offsetHeight<=o.clientHeight;n.style.left=`${Math.max(0,p)}px`,n.style.top=`${b?u:Math.max(0,a.top-n.offsetHeight-4)}px`},showAt(i,c,...a){s(),n.replaceChildren(...a),n.hidden=!1;let p=i+M;p+n.offsetWidth>o.clientWidth-4&&(p=i-M-n.offsetWidth);let u=c+M;u+n.offsetHeight>o.clientHeight-4&&(u=c-M-n.offsetHeight),n.style.left=`${Math.max(0,p)}px`,n.style.top=`${Math.max(0,u)}px`},hide(){n.hidden=!0}}}function S(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}var K="this view needs a running kernel; use .to_html() for a kernel-free copy",Z="saewidgets-request",ee="saewidgets-response";function te(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var U=0;function ne(){return U+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${U}`}function re(e){return(t,n,r={})=>new Promise((s,o)=>{let i=e.send;if(typeof i!="function"){o(new Error(K));return}let c=ne(),a=r.signal,p=(...k)=>{let y=k[0];y===null||typeof y!="object"||y.kind!==ee||y.id!==c||(b(),s([y.response,oe(k[1])]))},u=()=>{b(),o(a?.reason??new Error("request aborted"))},b=()=>{e.off("msg:custom",p),a?.removeEventListener("abort",u)};if(a?.aborted){o(a.reason);return}a?.addEventListener("abort",u),e.on("msg:custom",p);try{i.call(e,{kind:Z,id:c,name:t,msg:n},void 0,r.buffers??[])}catch(k){b(),o(k)}})}function oe(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function se(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function F(e,t){let n=t?.invoke,r=re(e),s=typeof n!="function",o=null,i=async(a,p,u)=>{if(!s&&n!==void 0)try{return await n(a,p,u)}catch(b){if(se(b))throw b;s=!0}return r(a,p,u)},c=()=>{let a=te(e);return a!=="unknown"?Promise.resolve(a==="yes"):(o??(o=i("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),o)};return async(a,p,u)=>{if(!await c())throw new Error(K);return i(a,p,u)}}var ae=12e4;async function W(e,t,n,r=ae){let[s,o]=await e(t,n,{signal:AbortSignal.timeout(r)}),i=s??{};if(i.error!==void 0)throw new Error(String(i.error));let c={value:i.value};return B(c,(i.buffer_paths??[]).map(a=>["value",...a]),o),c.value}function ie(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function _(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(r,s)=>{let o=t[t.length-1];o!==void 0&&o.kind===r&&r!=="break"?o.text+=s:t.push({kind:r,text:s})};for(let r of e)r===`
`?(n("mark","\u21B5"),n("break",`
`)):r==="	"?n("mark","\u2192"):r==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(r)?n("mark",ie(r)):n("text",r);return t}function z(e){return _(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}var G=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function le(e){let t=E(e.get("acts")),n=e.get("features"),r=e.get("bos")===!0,s=n.map((o,i)=>{let c=0;for(let a=r?1:0;a<t.shape[0];a++)c=Math.max(c,t.data[a*n.length+i]);return c});return{tokens:e.get("tokens"),acts:t,features:n,topIds:E(e.get("top_ids")),topVals:E(e.get("top_vals")),labels:e.get("labels")??{},vmax:s,bos:r}}function L(e,t){let n=e.labels[String(t)];return n?`#${t} ${n}`:`#${t}`}function q(e){let t=l("span",{class:"sw-swatch"});return t.style.background=`rgb(${e[0]}, ${e[1]}, ${e[2]})`,t}function ce(e,t,n){let r=n===null?-1:e.features.indexOf(n);if(r>=0)return r;let s=v(e.acts,t),o=0;for(let i=1;i<s.length;i++)T(s[i],e.vmax[i])>T(s[o],e.vmax[o])&&(o=i);return o}function fe(e,t,n){let r=v(e.acts,t),s=l("table",{});e.features.forEach((a,p)=>{let u=l("tr",{},l("td",{},q(A(p))),l("td",{},L(e,a)),l("td",{class:"sw-num"},S(r[p])));a===n&&(u.style.fontWeight="600"),s.append(u)});let o=l("table",{class:"sw-tv-top"}),i=v(e.topIds,t),c=v(e.topVals,t);for(let a=0;a<i.length;a++)c[a]>0&&o.append(l("tr",{},l("td",{},L(e,i[a])),l("td",{class:"sw-num"},S(c[a]))));return l("div",{},l("div",{class:"sw-tip-head"},l("b",{},z(e.tokens[t])),l("span",{class:"sw-muted"},`  pos ${t}`)),s,l("h4",{},`Top ${i.length} features here`),o.childElementCount>0?o:l("div",{class:"sw-muted"},"no feature fires"))}function de({model:e,el:t,experimental:n}){let r=F(e,n),s=l("div",{class:"sw-root sw-tokenview"});O(s,C+G);let o=H(),i=l("div",{class:"sw-tv-legend"}),c=l("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});s.append(o.el),t.replaceChildren(s);let a=P(s),p=e.get("_standalone")===!0,u=null;if(e.get("live")===!0&&!p){let f=l("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),m=l("span",{class:"sw-muted"});f.value=String(e.get("text")??"");let g,d=0,w=async()=>{let x=++d;m.textContent="running\u2026";try{await W(r,"run",{text:f.value}),x===d&&o.show("")}catch(h){x===d&&o.show(String(h instanceof Error?h.message:h))}finally{x===d&&(m.textContent="")}};f.addEventListener("input",()=>{clearTimeout(g),g=setTimeout(w,600)}),e.on("change:text",()=>{document.activeElement!==f&&(f.value=String(e.get("text")??""))}),s.append(l("div",{class:"sw-tv-editor"},f,m))}s.append(i,c);let b=()=>{if(u===null)return;let f=e.get("focus"),m=e.get("selected_token");c.querySelectorAll(".sw-tok").forEach((g,d)=>{let w=ce(u,d,f),x=u.acts.data[d*u.features.length+w]??0,h=u.bos&&d===0;g.classList.toggle("sw-bos",h),g.style.background=h?"var(--jp-layout-color3, #e4e4e4)":j(A(w),x,u.vmax[w]??0),g.classList.toggle("sw-selected",d===m)})},k=()=>{if(u===null)return;let f=e.get("focus"),m=(d,w,x)=>{let h=l("button",{class:"sw-chip",attrs:{type:"button"}});return x!==null&&h.append(q(x)),h.append(d),h.setAttribute("aria-pressed",String(f===w)),h.addEventListener("click",()=>{e.set("focus",w),e.save_changes()}),h},g=u;i.replaceChildren(m("all",null,null),...g.features.map((d,w)=>m(`${L(g,d)} \xB7 max ${S(g.vmax[w])}`,d,A(w))))},y=()=>{try{u=le(e),o.show(String(e.get("error")??""))}catch(f){u=null,o.show(`TokenView cannot draw its data: ${String(f)}`);return}c.replaceChildren(...u.tokens.map((f,m)=>{let g=l("span",{class:"sw-tok",attrs:{"data-i":String(m)}});for(let d of _(f))d.kind==="break"?g.append(l("br")):d.kind==="mark"?g.append(l("span",{class:"sw-ws"},d.text)):g.append(d.text);return g})),u.tokens.length===0&&c.append(l("span",{class:"sw-muted"},"(no tokens)")),k(),b()},N=f=>f instanceof Element?f.closest(".sw-tok"):null;c.addEventListener("mouseover",f=>{let m=N(f.target);m===null||u===null||a.show(m,fe(u,Number(m.dataset.i),e.get("focus")))}),c.addEventListener("mouseleave",()=>a.hide()),c.addEventListener("scroll",()=>a.hide()),c.addEventListener("click",f=>{let m=N(f.target);if(m===null)return;let g=Number(m.dataset.i);e.set("selected_token",e.get("selected_token")===g?-1:g),e.save_changes()});let $=()=>y(),I=()=>{k(),b()},R=()=>o.show(String(e.get("error")??"")),V="change:tokens change:acts change:features change:top_ids change:top_vals change:labels";return e.on(V,$),e.on("change:focus change:selected_token",I),e.on("change:error",R),y(),()=>{e.off(V,$),e.off("change:focus change:selected_token",I),e.off("change:error",R)}}var Ie={render:de};export{Ie as default};
