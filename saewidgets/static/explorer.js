var R=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;function i(e,t={},...n){let r=document.createElement(e);t.class!==void 0&&(r.className=t.class),t.title!==void 0&&(r.title=t.title);for(let[s,o]of Object.entries(t.attrs??{}))r.setAttribute(s,o);for(let s of n)s==null||s===!1||r.append(typeof s=="string"?document.createTextNode(s):s);return r}function $(e,t){e.append(i("style",{},t))}function N(){let e=i("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}var L=12;function F(e){let t=e.ownerDocument,n=i("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0;let r=null,s=()=>{n.isConnected||(t.body.append(n),r=new MutationObserver(()=>{e.isConnected||(n.remove(),r?.disconnect(),r=null)}),r.observe(t.body,{childList:!0,subtree:!0}))},o=t.documentElement;return{el:n,show(a,u){s(),n.replaceChildren(u),n.hidden=!1;let c=a.getBoundingClientRect(),g=Math.min(c.left,o.clientWidth-n.offsetWidth-4),d=c.bottom+4,y=d+n.offsetHeight<=o.clientHeight;n.style.left=`${Math.max(0,g)}px`,n.style.top=`${y?d:Math.max(0,c.top-n.offsetHeight-4)}px`},showAt(a,u,...c){s(),n.replaceChildren(...c),n.hidden=!1;let g=a+L;g+n.offsetWidth>o.clientWidth-4&&(g=a-L-n.offsetWidth);let d=u+L;d+n.offsetHeight>o.clientHeight-4&&(d=u-L-n.offsetHeight),n.style.left=`${Math.max(0,g)}px`,n.style.top=`${Math.max(0,d)}px`},hide(){n.hidden=!0}}}async function C(e,t,n){let r=t.get(n);if(r==null)return null;if(e===void 0)throw new Error("this widget is composed of child widgets and needs anywidget 0.11 or later in the front end");let[s,o]=await Promise.all([e.getModel(String(r)),e.getWidget(String(r))]);return{model:s,mount:a=>o.render({el:a})}}var q="this view needs a running kernel; use .to_html() for a kernel-free copy",ae="saewidgets-request",ie="saewidgets-response";function le(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var z=0;function ce(){return z+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${z}`}function ue(e){return(t,n,r={})=>new Promise((s,o)=>{let a=e.send;if(typeof a!="function"){o(new Error(q));return}let u=ce(),c=r.signal,g=(...k)=>{let b=k[0];b===null||typeof b!="object"||b.kind!==ie||b.id!==u||(y(),s([b.response,de(k[1])]))},d=()=>{y(),o(c?.reason??new Error("request aborted"))},y=()=>{e.off("msg:custom",g),c?.removeEventListener("abort",d)};if(c?.aborted){o(c.reason);return}c?.addEventListener("abort",d),e.on("msg:custom",g);try{a.call(e,{kind:ae,id:u,name:t,msg:n},void 0,r.buffers??[])}catch(k){y(),o(k)}})}function de(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function fe(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function I(e,t){let n=t?.invoke,r=ue(e),s=typeof n!="function",o=null,a=async(c,g,d)=>{if(!s&&n!==void 0)try{return await n(c,g,d)}catch(y){if(fe(y))throw y;s=!0}return r(c,g,d)},u=()=>{let c=le(e);return c!=="unknown"?Promise.resolve(c==="yes"):(o??(o=a("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),o)};return async(c,g,d)=>{if(!await u())throw new Error(q);return a(c,g,d)}}var pe={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function P(e){let t=pe[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((a,u)=>a*u,1),r=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(r.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let s=r.byteOffset%t.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),o=s.buffer;return{data:new t(o,s.byteOffset,n),shape:e.shape}}function _(e,t){let n=e.shape[1]??1;return e.data.subarray(t*n,(t+1)*n)}function G(e,t,n){t.forEach((r,s)=>{if(r.length===0)throw new Error("empty buffer path");let o=e;for(let a of r.slice(0,-1))o=o[a];o[r[r.length-1]]=n[s]})}var ge=12e4;async function V(e,t,n,r=ge){let[s,o]=await e(t,n,{signal:AbortSignal.timeout(r)}),a=s??{};if(a.error!==void 0)throw new Error(String(a.error));let u={value:a.value};return G(u,(a.buffer_paths??[]).map(c=>["value",...c]),o),u.value}function X(e){let t={...e},n=new Map,r=(s,...o)=>{for(let a of[...n.get(s)??[]])a(...o)};return{get:s=>t[s],set(s,o){Object.is(t[s],o)||(t[s]=o,r(`change:${s}`,this,o),r("change",this))},save_changes(){},on(s,o){for(let a of s.split(/\s+/).filter(Boolean))n.has(a)||n.set(a,new Set),n.get(a)?.add(o)},off(s,o){for(let a of s.split(/\s+/).filter(Boolean))o===void 0?n.delete(a):n.get(a)?.delete(o)}}}var Y=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function me(e){let t=/^#([0-9a-f]{6})$/i.exec(e);if(t===null)throw new Error(`not a #rrggbb colour: ${e}`);let n=parseInt(t[1],16);return[n>>16&255,n>>8&255,n&255]}function B(e){return me(Y[e%Y.length])}function H(e,t){return!(t>0)||!(e>0)?0:Math.min(1,e/t)}function he(e,t){return Math.round(.85*H(e,t)*1e3)/1e3}function J(e,t,n){let r=he(t,n);return r===0?"transparent":`rgba(${e[0]}, ${e[1]}, ${e[2]}, ${r})`}function j(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}function we(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function D(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(r,s)=>{let o=t[t.length-1];o!==void 0&&o.kind===r&&r!=="break"?o.text+=s:t.push({kind:r,text:s})};for(let r of e)r===`
`?(n("mark","\u21B5"),n("break",`
`)):r==="	"?n("mark","\u2192"):r==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(r)?n("mark",we(r)):n("text",r);return t}function Q(e){return D(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}var Z=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function xe(e){let t=P(e.get("acts")),n=e.get("features"),r=e.get("bos")===!0,s=n.map((o,a)=>{let u=0;for(let c=r?1:0;c<t.shape[0];c++)u=Math.max(u,t.data[c*n.length+a]);return u});return{tokens:e.get("tokens"),acts:t,features:n,topIds:P(e.get("top_ids")),topVals:P(e.get("top_vals")),labels:e.get("labels")??{},vmax:s,bos:r}}function O(e,t){let n=e.labels[String(t)];return n?`#${t} ${n}`:`#${t}`}function ee(e){let t=i("span",{class:"sw-swatch"});return t.style.background=`rgb(${e[0]}, ${e[1]}, ${e[2]})`,t}function ye(e,t,n){let r=n===null?-1:e.features.indexOf(n);if(r>=0)return r;let s=_(e.acts,t),o=0;for(let a=1;a<s.length;a++)H(s[a],e.vmax[a])>H(s[o],e.vmax[o])&&(o=a);return o}function ke(e,t,n){let r=_(e.acts,t),s=i("table",{});e.features.forEach((c,g)=>{let d=i("tr",{},i("td",{},ee(B(g))),i("td",{},O(e,c)),i("td",{class:"sw-num"},j(r[g])));c===n&&(d.style.fontWeight="600"),s.append(d)});let o=i("table",{class:"sw-tv-top"}),a=_(e.topIds,t),u=_(e.topVals,t);for(let c=0;c<a.length;c++)u[c]>0&&o.append(i("tr",{},i("td",{},O(e,a[c])),i("td",{class:"sw-num"},j(u[c]))));return i("div",{},i("div",{class:"sw-tip-head"},i("b",{},Q(e.tokens[t])),i("span",{class:"sw-muted"},`  pos ${t}`)),s,i("h4",{},`Top ${a.length} features here`),o.childElementCount>0?o:i("div",{class:"sw-muted"},"no feature fires"))}function ve({model:e,el:t,experimental:n}){let r=I(e,n),s=i("div",{class:"sw-root sw-tokenview"});$(s,R+Z);let o=N(),a=i("div",{class:"sw-tv-legend"}),u=i("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});s.append(o.el),t.replaceChildren(s);let c=F(s),g=e.get("_standalone")===!0,d=null;if(e.get("live")===!0&&!g){let p=i("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),h=i("span",{class:"sw-muted"});p.value=String(e.get("text")??"");let m,l=0,f=async()=>{let x=++l;h.textContent="running\u2026";try{await V(r,"run",{text:p.value}),x===l&&o.show("")}catch(w){x===l&&o.show(String(w instanceof Error?w.message:w))}finally{x===l&&(h.textContent="")}};p.addEventListener("input",()=>{clearTimeout(m),m=setTimeout(f,600)}),e.on("change:text",()=>{document.activeElement!==p&&(p.value=String(e.get("text")??""))}),s.append(i("div",{class:"sw-tv-editor"},p,h))}s.append(a,u);let y=()=>{if(d===null)return;let p=e.get("focus"),h=e.get("selected_token");u.querySelectorAll(".sw-tok").forEach((m,l)=>{let f=ye(d,l,p),x=d.acts.data[l*d.features.length+f]??0,w=d.bos&&l===0;m.classList.toggle("sw-bos",w),m.style.background=w?"var(--jp-layout-color3, #e4e4e4)":J(B(f),x,d.vmax[f]??0),m.classList.toggle("sw-selected",l===h)})},k=()=>{if(d===null)return;let p=e.get("focus"),h=(l,f,x)=>{let w=i("button",{class:"sw-chip",attrs:{type:"button"}});return x!==null&&w.append(ee(x)),w.append(l),w.setAttribute("aria-pressed",String(p===f)),w.addEventListener("click",()=>{e.set("focus",f),e.save_changes()}),w},m=d;a.replaceChildren(h("all",null,null),...m.features.map((l,f)=>h(`${O(m,l)} \xB7 max ${j(m.vmax[f])}`,l,B(f))))},b=()=>{try{d=xe(e),o.show(String(e.get("error")??""))}catch(p){d=null,o.show(`TokenView cannot draw its data: ${String(p)}`);return}u.replaceChildren(...d.tokens.map((p,h)=>{let m=i("span",{class:"sw-tok",attrs:{"data-i":String(h)}});for(let l of D(p))l.kind==="break"?m.append(i("br")):l.kind==="mark"?m.append(i("span",{class:"sw-ws"},l.text)):m.append(l.text);return m})),d.tokens.length===0&&u.append(i("span",{class:"sw-muted"},"(no tokens)")),k(),y()},v=p=>p instanceof Element?p.closest(".sw-tok"):null;u.addEventListener("mouseover",p=>{let h=v(p.target);h===null||d===null||c.show(h,ke(d,Number(h.dataset.i),e.get("focus")))}),u.addEventListener("mouseleave",()=>c.hide()),u.addEventListener("scroll",()=>c.hide()),u.addEventListener("click",p=>{let h=v(p.target);if(h===null)return;let m=Number(h.dataset.i);e.set("selected_token",e.get("selected_token")===m?-1:m),e.save_changes()});let T=()=>b(),A=()=>{k(),y()},S=()=>o.show(String(e.get("error")??"")),E="change:tokens change:acts change:features change:top_ids change:top_vals change:labels";return e.on(E,T),e.on("change:focus change:selected_token",A),e.on("change:error",S),b(),()=>{e.off(E,T),e.off("change:focus change:selected_token",A),e.off("change:error",S)}}var te={render:ve};var U=60,Ee=8,Ae=`
.sw-ex-row { display: flex; gap: 12px; align-items: flex-start; margin-top: 8px; }
.sw-ex-side { flex: 0 0 340px; min-width: 0; }
.sw-ex-card { flex: 1; min-width: 0; }
.sw-ex-chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.sw-ex-side textarea { width: 100%; min-height: 4em; font: 12px var(--jp-code-font-family, monospace); }
.sw-ex-h { font-weight: 600; margin: 6px 0 2px; }
`;async function Se({model:e,el:t,experimental:n,host:r}){let s=i("div",{class:"sw-root sw-explorer"});$(s,R+Ae);let o=N(),a=i("div",{}),u=i("div",{class:"sw-ex-chips",attrs:{"data-testid":"chips"}}),c=i("div",{attrs:{"data-testid":"ex-tokens"}}),g=i("div",{class:"sw-ex-side"},i("div",{class:"sw-ex-h"},"Selected features"),u),d=i("div",{class:"sw-ex-card"}),y=i("div",{});s.append(o.el,a,i("div",{class:"sw-ex-row"},g,d),y),t.replaceChildren(s),o.show(String(e.get("error")??""));let k=e.get("_standalone")===!0,b,v;try{let[l,f,x]=await Promise.all([C(r,e,"map"),C(r,e,"card"),C(r,e,"grid_view")]);if(l===null||f===null)throw new Error("the Explorer has no map or card widget");await Promise.all([l.mount(a),f.mount(d),x?.mount(y)]),b=l.model,v=f.model}catch(l){return o.show(l instanceof Error?l.message:String(l)),()=>{}}let T=()=>b.get("labels")??{},A=()=>b.get("selected")??[],S=l=>{v.set("feature",l),v.save_changes()},E=()=>{let l=A();u.replaceChildren(...l.slice(0,U).map(f=>{let x=T()[String(f)],w=i("button",{class:"sw-chip",attrs:{type:"button"}},x?`#${f} ${x}`:`#${f}`);return w.setAttribute("aria-pressed",String(v.get("feature")===f)),w.addEventListener("click",()=>S(f)),w})),l.length>U&&u.append(i("span",{class:"sw-muted"},`and ${l.length-U} more`)),l.length===0&&u.append(i("span",{class:"sw-muted"},"drag in the map to select"))};if(e.get("has_lens")===!0&&!k){let l=I(e,n),f=i("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}});f.placeholder="Type text: the selected features (or the card's) colour its tokens";let x,w=0,ne=async()=>{let W=++w,K=A(),re=(K.length>0?K:[Number(v.get("feature"))]).slice(0,Ee);try{let M=await V(l,"run",{text:f.value,features:re});if(W!==w)return;o.show("");let oe=X({...M,labels:T(),focus:null,selected_token:-1,text:f.value,live:!1,error:"",_standalone:!0});te.render({model:oe,el:c,experimental:n})}catch(M){W===w&&o.show(M instanceof Error?M.message:String(M))}};f.addEventListener("input",()=>{clearTimeout(x),x=setTimeout(ne,500)}),g.append(i("div",{class:"sw-ex-h"},"Text"),f,c)}else g.append(i("div",{class:"sw-muted"},k?"Running text needs a Python kernel.":"Pass lens= to run text."));let p=()=>{let l=b.get("clicked");typeof l=="number"&&k&&S(l)},h=()=>{let l=A();k&&l.length>0&&S(l[0]),E()},m=()=>o.show(String(e.get("error")??""));return b.on("change:clicked",p),b.on("change:selected change:labels",h),v.on("change:feature",E),e.on("change:error",m),E(),()=>{b.off("change:clicked",p),b.off("change:selected change:labels",h),v.off("change:feature",E),e.off("change:error",m)}}var st={render:Se};export{st as default};
