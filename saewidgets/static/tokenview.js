var $=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;var Y={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function E(e){let t=Y[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((a,c)=>a*c,1),r=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(r.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let s=r.byteOffset%t.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),o=s.buffer;return{data:new t(o,s.byteOffset,n),shape:e.shape}}function v(e,t){let n=e.shape[1]??1;return e.data.subarray(t*n,(t+1)*n)}function B(e,t,n){t.forEach((r,s)=>{if(r.length===0)throw new Error("empty buffer path");let o=e;for(let a of r.slice(0,-1))o=o[a];o[r[r.length-1]]=n[s]})}var D=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function J(e){let t=/^#([0-9a-f]{6})$/i.exec(e);if(t===null)throw new Error(`not a #rrggbb colour: ${e}`);let n=parseInt(t[1],16);return[n>>16&255,n>>8&255,n&255]}function A(e){return J(D[e%D.length])}function T(e,t){return!(t>0)||!(e>0)?0:Math.min(1,e/t)}function Q(e,t){return Math.round(.85*T(e,t)*1e3)/1e3}function C(e,t,n){let r=Q(t,n);return r===0?"transparent":`rgba(${e[0]}, ${e[1]}, ${e[2]}, ${r})`}function i(e,t={},...n){let r=document.createElement(e);t.class!==void 0&&(r.className=t.class),t.title!==void 0&&(r.title=t.title);for(let[s,o]of Object.entries(t.attrs??{}))r.setAttribute(s,o);for(let s of n)s==null||s===!1||r.append(typeof s=="string"?document.createTextNode(s):s);return r}function j(e,t){e.append(i("style",{},t))}function O(){let e=i("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}function P(e){let t=e.ownerDocument,n=i("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0,t.body.append(n);let r=new MutationObserver(()=>{e.isConnected||(n.remove(),r.disconnect())});return r.observe(t.body,{childList:!0,subtree:!0}),{el:n,show(s,o){n.replaceChildren(o),n.hidden=!1;let a=s.getBoundingClientRect(),c=t.documentElement,u=Math.min(a.left,c.clientWidth-n.offsetWidth-4),m=a.bottom+4,l=m+n.offsetHeight<=c.clientHeight;n.style.left=`${Math.max(0,u)}px`,n.style.top=`${l?m:Math.max(0,a.top-n.offsetHeight-4)}px`},hide(){n.hidden=!0}}}function M(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}var U="this view needs a running kernel; use .to_html() for a kernel-free copy",X="saewidgets-request",Z="saewidgets-response";function ee(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var H=0;function te(){return H+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${H}`}function ne(e){return(t,n,r={})=>new Promise((s,o)=>{let a=e.send;if(typeof a!="function"){o(new Error(U));return}let c=te(),u=r.signal,m=(...k)=>{let y=k[0];y===null||typeof y!="object"||y.kind!==Z||y.id!==c||(b(),s([y.response,re(k[1])]))},l=()=>{b(),o(u?.reason??new Error("request aborted"))},b=()=>{e.off("msg:custom",m),u?.removeEventListener("abort",l)};if(u?.aborted){o(u.reason);return}u?.addEventListener("abort",l),e.on("msg:custom",m);try{a.call(e,{kind:X,id:c,name:t,msg:n},void 0,r.buffers??[])}catch(k){b(),o(k)}})}function re(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function oe(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function K(e,t){let n=t?.invoke,r=ne(e),s=typeof n!="function",o=null,a=async(u,m,l)=>{if(!s&&n!==void 0)try{return await n(u,m,l)}catch(b){if(oe(b))throw b;s=!0}return r(u,m,l)},c=()=>{let u=ee(e);return u!=="unknown"?Promise.resolve(u==="yes"):(o??(o=a("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),o)};return async(u,m,l)=>{if(!await c())throw new Error(U);return a(u,m,l)}}var se=12e4;async function z(e,t,n,r=se){let[s,o]=await e(t,n,{signal:AbortSignal.timeout(r)}),a=s??{};if(a.error!==void 0)throw new Error(String(a.error));let c={value:a.value};return B(c,(a.buffer_paths??[]).map(u=>["value",...u]),o),c.value}function ae(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function S(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(r,s)=>{let o=t[t.length-1];o!==void 0&&o.kind===r&&r!=="break"?o.text+=s:t.push({kind:r,text:s})};for(let r of e)r===`
`?(n("mark","\u21B5"),n("break",`
`)):r==="	"?n("mark","\u2192"):r==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(r)?n("mark",ae(r)):n("text",r);return t}function F(e){return S(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}var G=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function ue(e){let t=E(e.get("acts")),n=e.get("features"),r=n.map((s,o)=>{let a=0;for(let c=0;c<t.shape[0];c++)a=Math.max(a,t.data[c*n.length+o]);return a});return{tokens:e.get("tokens"),acts:t,features:n,topIds:E(e.get("top_ids")),topVals:E(e.get("top_vals")),labels:e.get("labels")??{},vmax:r}}function _(e,t){let n=e.labels[String(t)];return n?`#${t} ${n}`:`#${t}`}function W(e){let t=i("span",{class:"sw-swatch"});return t.style.background=`rgb(${e[0]}, ${e[1]}, ${e[2]})`,t}function ce(e,t,n){let r=n===null?-1:e.features.indexOf(n);if(r>=0)return r;let s=v(e.acts,t),o=0;for(let a=1;a<s.length;a++)T(s[a],e.vmax[a])>T(s[o],e.vmax[o])&&(o=a);return o}function le(e,t,n){let r=v(e.acts,t),s=i("table",{});e.features.forEach((u,m)=>{let l=i("tr",{},i("td",{},W(A(m))),i("td",{},_(e,u)),i("td",{class:"sw-num"},M(r[m])));u===n&&(l.style.fontWeight="600"),s.append(l)});let o=i("table",{class:"sw-tv-top"}),a=v(e.topIds,t),c=v(e.topVals,t);for(let u=0;u<a.length;u++)c[u]>0&&o.append(i("tr",{},i("td",{},_(e,a[u])),i("td",{class:"sw-num"},M(c[u]))));return i("div",{},i("div",{class:"sw-tip-head"},i("b",{},F(e.tokens[t])),i("span",{class:"sw-muted"},`  pos ${t}`)),s,i("h4",{},`Top ${a.length} features here`),o.childElementCount>0?o:i("div",{class:"sw-muted"},"no feature fires"))}function fe({model:e,el:t,experimental:n}){let r=K(e,n),s=i("div",{class:"sw-root sw-tokenview"});j(s,$+G);let o=O(),a=i("div",{class:"sw-tv-legend"}),c=i("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});s.append(o.el),t.replaceChildren(s);let u=P(s),m=e.get("_standalone")===!0,l=null;if(e.get("live")===!0&&!m){let f=i("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),p=i("span",{class:"sw-muted"});f.value=String(e.get("text")??"");let g,d=0,h=async()=>{let x=++d;p.textContent="running\u2026";try{await z(r,"run",{text:f.value}),x===d&&o.show("")}catch(w){x===d&&o.show(String(w instanceof Error?w.message:w))}finally{x===d&&(p.textContent="")}};f.addEventListener("input",()=>{clearTimeout(g),g=setTimeout(h,600)}),e.on("change:text",()=>{document.activeElement!==f&&(f.value=String(e.get("text")??""))}),s.append(i("div",{class:"sw-tv-editor"},f,p))}s.append(a,c);let b=()=>{if(l===null)return;let f=e.get("focus"),p=e.get("selected_token");c.querySelectorAll(".sw-tok").forEach((g,d)=>{let h=ce(l,d,f),x=l.acts.data[d*l.features.length+h]??0;g.style.background=C(A(h),x,l.vmax[h]??0),g.classList.toggle("sw-selected",d===p)})},k=()=>{if(l===null)return;let f=e.get("focus"),p=(d,h,x)=>{let w=i("button",{class:"sw-chip",attrs:{type:"button"}});return x!==null&&w.append(W(x)),w.append(d),w.setAttribute("aria-pressed",String(f===h)),w.addEventListener("click",()=>{e.set("focus",h),e.save_changes()}),w},g=l;a.replaceChildren(p("all",null,null),...g.features.map((d,h)=>p(`${_(g,d)} \xB7 max ${M(g.vmax[h])}`,d,A(h))))},y=()=>{try{l=ue(e),o.show(String(e.get("error")??""))}catch(f){l=null,o.show(`TokenView cannot draw its data: ${String(f)}`);return}c.replaceChildren(...l.tokens.map((f,p)=>{let g=i("span",{class:"sw-tok",attrs:{"data-i":String(p)}});for(let d of S(f))d.kind==="break"?g.append(i("br")):d.kind==="mark"?g.append(i("span",{class:"sw-ws"},d.text)):g.append(d.text);return g})),l.tokens.length===0&&c.append(i("span",{class:"sw-muted"},"(no tokens)")),k(),b()},L=f=>f instanceof Element?f.closest(".sw-tok"):null;c.addEventListener("mouseover",f=>{let p=L(f.target);p===null||l===null||u.show(p,le(l,Number(p.dataset.i),e.get("focus")))}),c.addEventListener("mouseleave",()=>u.hide()),c.addEventListener("scroll",()=>u.hide()),c.addEventListener("click",f=>{let p=L(f.target);if(p===null)return;let g=Number(p.dataset.i);e.set("selected_token",e.get("selected_token")===g?-1:g),e.save_changes()});let N=()=>y(),I=()=>{k(),b()},R=()=>o.show(String(e.get("error")??"")),V="change:tokens change:acts change:features change:top_ids change:top_vals change:labels";return e.on(V,N),e.on("change:focus change:selected_token",I),e.on("change:error",R),y(),()=>{e.off(V,N),e.off("change:focus change:selected_token",I),e.off("change:error",R)}}var Ie={render:fe};export{Ie as default};
