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
`;function i(e,t={},...n){let r=document.createElement(e);t.class!==void 0&&(r.className=t.class),t.title!==void 0&&(r.title=t.title);for(let[s,o]of Object.entries(t.attrs??{}))r.setAttribute(s,o);for(let s of n)s==null||s===!1||r.append(typeof s=="string"?document.createTextNode(s):s);return r}function L(e,t){e.append(i("style",{},t))}function N(){let e=i("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}function W(e){let t=e.ownerDocument,n=i("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0,t.body.append(n);let r=new MutationObserver(()=>{e.isConnected||(n.remove(),r.disconnect())});return r.observe(t.body,{childList:!0,subtree:!0}),{el:n,show(s,o){n.replaceChildren(o),n.hidden=!1;let a=s.getBoundingClientRect(),l=t.documentElement,d=Math.min(a.left,l.clientWidth-n.offsetWidth-4),h=a.bottom+4,u=h+n.offsetHeight<=l.clientHeight;n.style.left=`${Math.max(0,d)}px`,n.style.top=`${u?h:Math.max(0,a.top-n.offsetHeight-4)}px`},hide(){n.hidden=!0}}}async function I(e,t,n){let r=t.get(n);if(r==null)return null;if(e===void 0)throw new Error("this widget is composed of child widgets and needs anywidget 0.11 or later in the front end");let[s,o]=await Promise.all([e.getModel(String(r)),e.getWidget(String(r))]);return{model:s,mount:a=>o.render({el:a})}}var F="this view needs a running kernel; use .to_html() for a kernel-free copy",se="saewidgets-request",ae="saewidgets-response";function ie(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var z=0;function ce(){return z+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${z}`}function le(e){return(t,n,r={})=>new Promise((s,o)=>{let a=e.send;if(typeof a!="function"){o(new Error(F));return}let l=ce(),d=r.signal,h=(...k)=>{let w=k[0];w===null||typeof w!="object"||w.kind!==ae||w.id!==l||(y(),s([w.response,de(k[1])]))},u=()=>{y(),o(d?.reason??new Error("request aborted"))},y=()=>{e.off("msg:custom",h),d?.removeEventListener("abort",u)};if(d?.aborted){o(d.reason);return}d?.addEventListener("abort",u),e.on("msg:custom",h);try{a.call(e,{kind:se,id:l,name:t,msg:n},void 0,r.buffers??[])}catch(k){y(),o(k)}})}function de(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function ue(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function $(e,t){let n=t?.invoke,r=le(e),s=typeof n!="function",o=null,a=async(d,h,u)=>{if(!s&&n!==void 0)try{return await n(d,h,u)}catch(y){if(ue(y))throw y;s=!0}return r(d,h,u)},l=()=>{let d=ie(e);return d!=="unknown"?Promise.resolve(d==="yes"):(o??(o=a("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),o)};return async(d,h,u)=>{if(!await l())throw new Error(F);return a(d,h,u)}}var fe={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function C(e){let t=fe[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((a,l)=>a*l,1),r=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(r.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let s=r.byteOffset%t.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),o=s.buffer;return{data:new t(o,s.byteOffset,n),shape:e.shape}}function _(e,t){let n=e.shape[1]??1;return e.data.subarray(t*n,(t+1)*n)}function q(e,t,n){t.forEach((r,s)=>{if(r.length===0)throw new Error("empty buffer path");let o=e;for(let a of r.slice(0,-1))o=o[a];o[r[r.length-1]]=n[s]})}var pe=12e4;async function P(e,t,n,r=pe){let[s,o]=await e(t,n,{signal:AbortSignal.timeout(r)}),a=s??{};if(a.error!==void 0)throw new Error(String(a.error));let l={value:a.value};return q(l,(a.buffer_paths??[]).map(d=>["value",...d]),o),l.value}function G(e){let t={...e},n=new Map,r=(s,...o)=>{for(let a of[...n.get(s)??[]])a(...o)};return{get:s=>t[s],set(s,o){Object.is(t[s],o)||(t[s]=o,r(`change:${s}`,this,o),r("change",this))},save_changes(){},on(s,o){for(let a of s.split(/\s+/).filter(Boolean))n.has(a)||n.set(a,new Set),n.get(a)?.add(o)},off(s,o){for(let a of s.split(/\s+/).filter(Boolean))o===void 0?n.delete(a):n.get(a)?.delete(o)}}}var X=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function ge(e){let t=/^#([0-9a-f]{6})$/i.exec(e);if(t===null)throw new Error(`not a #rrggbb colour: ${e}`);let n=parseInt(t[1],16);return[n>>16&255,n>>8&255,n&255]}function V(e){return ge(X[e%X.length])}function B(e,t){return!(t>0)||!(e>0)?0:Math.min(1,e/t)}function me(e,t){return Math.round(.85*B(e,t)*1e3)/1e3}function Y(e,t,n){let r=me(t,n);return r===0?"transparent":`rgba(${e[0]}, ${e[1]}, ${e[2]}, ${r})`}function D(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}function he(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function j(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(r,s)=>{let o=t[t.length-1];o!==void 0&&o.kind===r&&r!=="break"?o.text+=s:t.push({kind:r,text:s})};for(let r of e)r===`
`?(n("mark","\u21B5"),n("break",`
`)):r==="	"?n("mark","\u2192"):r==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(r)?n("mark",he(r)):n("text",r);return t}function J(e){return j(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}var Q=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function be(e){let t=C(e.get("acts")),n=e.get("features"),r=n.map((s,o)=>{let a=0;for(let l=0;l<t.shape[0];l++)a=Math.max(a,t.data[l*n.length+o]);return a});return{tokens:e.get("tokens"),acts:t,features:n,topIds:C(e.get("top_ids")),topVals:C(e.get("top_vals")),labels:e.get("labels")??{},vmax:r}}function H(e,t){let n=e.labels[String(t)];return n?`#${t} ${n}`:`#${t}`}function Z(e){let t=i("span",{class:"sw-swatch"});return t.style.background=`rgb(${e[0]}, ${e[1]}, ${e[2]})`,t}function xe(e,t,n){let r=n===null?-1:e.features.indexOf(n);if(r>=0)return r;let s=_(e.acts,t),o=0;for(let a=1;a<s.length;a++)B(s[a],e.vmax[a])>B(s[o],e.vmax[o])&&(o=a);return o}function ye(e,t,n){let r=_(e.acts,t),s=i("table",{});e.features.forEach((d,h)=>{let u=i("tr",{},i("td",{},Z(V(h))),i("td",{},H(e,d)),i("td",{class:"sw-num"},D(r[h])));d===n&&(u.style.fontWeight="600"),s.append(u)});let o=i("table",{class:"sw-tv-top"}),a=_(e.topIds,t),l=_(e.topVals,t);for(let d=0;d<a.length;d++)l[d]>0&&o.append(i("tr",{},i("td",{},H(e,a[d])),i("td",{class:"sw-num"},D(l[d]))));return i("div",{},i("div",{class:"sw-tip-head"},i("b",{},J(e.tokens[t])),i("span",{class:"sw-muted"},`  pos ${t}`)),s,i("h4",{},`Top ${a.length} features here`),o.childElementCount>0?o:i("div",{class:"sw-muted"},"no feature fires"))}function ke({model:e,el:t,experimental:n}){let r=$(e,n),s=i("div",{class:"sw-root sw-tokenview"});L(s,R+Q);let o=N(),a=i("div",{class:"sw-tv-legend"}),l=i("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});s.append(o.el),t.replaceChildren(s);let d=W(s),h=e.get("_standalone")===!0,u=null;if(e.get("live")===!0&&!h){let p=i("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),g=i("span",{class:"sw-muted"});p.value=String(e.get("text")??"");let m,c=0,f=async()=>{let x=++c;g.textContent="running\u2026";try{await P(r,"run",{text:p.value}),x===c&&o.show("")}catch(b){x===c&&o.show(String(b instanceof Error?b.message:b))}finally{x===c&&(g.textContent="")}};p.addEventListener("input",()=>{clearTimeout(m),m=setTimeout(f,600)}),e.on("change:text",()=>{document.activeElement!==p&&(p.value=String(e.get("text")??""))}),s.append(i("div",{class:"sw-tv-editor"},p,g))}s.append(a,l);let y=()=>{if(u===null)return;let p=e.get("focus"),g=e.get("selected_token");l.querySelectorAll(".sw-tok").forEach((m,c)=>{let f=xe(u,c,p),x=u.acts.data[c*u.features.length+f]??0;m.style.background=Y(V(f),x,u.vmax[f]??0),m.classList.toggle("sw-selected",c===g)})},k=()=>{if(u===null)return;let p=e.get("focus"),g=(c,f,x)=>{let b=i("button",{class:"sw-chip",attrs:{type:"button"}});return x!==null&&b.append(Z(x)),b.append(c),b.setAttribute("aria-pressed",String(p===f)),b.addEventListener("click",()=>{e.set("focus",f),e.save_changes()}),b},m=u;a.replaceChildren(g("all",null,null),...m.features.map((c,f)=>g(`${H(m,c)} \xB7 max ${D(m.vmax[f])}`,c,V(f))))},w=()=>{try{u=be(e),o.show(String(e.get("error")??""))}catch(p){u=null,o.show(`TokenView cannot draw its data: ${String(p)}`);return}l.replaceChildren(...u.tokens.map((p,g)=>{let m=i("span",{class:"sw-tok",attrs:{"data-i":String(g)}});for(let c of j(p))c.kind==="break"?m.append(i("br")):c.kind==="mark"?m.append(i("span",{class:"sw-ws"},c.text)):m.append(c.text);return m})),u.tokens.length===0&&l.append(i("span",{class:"sw-muted"},"(no tokens)")),k(),y()},v=p=>p instanceof Element?p.closest(".sw-tok"):null;l.addEventListener("mouseover",p=>{let g=v(p.target);g===null||u===null||d.show(g,ye(u,Number(g.dataset.i),e.get("focus")))}),l.addEventListener("mouseleave",()=>d.hide()),l.addEventListener("scroll",()=>d.hide()),l.addEventListener("click",p=>{let g=v(p.target);if(g===null)return;let m=Number(g.dataset.i);e.set("selected_token",e.get("selected_token")===m?-1:m),e.save_changes()});let T=()=>w(),A=()=>{k(),y()},S=()=>o.show(String(e.get("error")??"")),E="change:tokens change:acts change:features change:top_ids change:top_vals change:labels";return e.on(E,T),e.on("change:focus change:selected_token",A),e.on("change:error",S),w(),()=>{e.off(E,T),e.off("change:focus change:selected_token",A),e.off("change:error",S)}}var ee={render:ke};var O=60,ve=8,Ee=`
.sw-ex-row { display: flex; gap: 12px; align-items: flex-start; margin-top: 8px; }
.sw-ex-side { flex: 0 0 340px; min-width: 0; }
.sw-ex-card { flex: 1; min-width: 0; }
.sw-ex-chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.sw-ex-side textarea { width: 100%; min-height: 4em; font: 12px var(--jp-code-font-family, monospace); }
.sw-ex-h { font-weight: 600; margin: 6px 0 2px; }
`;async function Ae({model:e,el:t,experimental:n,host:r}){let s=i("div",{class:"sw-root sw-explorer"});L(s,R+Ee);let o=N(),a=i("div",{}),l=i("div",{class:"sw-ex-chips",attrs:{"data-testid":"chips"}}),d=i("div",{attrs:{"data-testid":"ex-tokens"}}),h=i("div",{class:"sw-ex-side"},i("div",{class:"sw-ex-h"},"Selected features"),l),u=i("div",{class:"sw-ex-card"}),y=i("div",{});s.append(o.el,a,i("div",{class:"sw-ex-row"},h,u),y),t.replaceChildren(s),o.show(String(e.get("error")??""));let k=e.get("_standalone")===!0,w,v;try{let[c,f,x]=await Promise.all([I(r,e,"map"),I(r,e,"card"),I(r,e,"grid_view")]);if(c===null||f===null)throw new Error("the Explorer has no map or card widget");await Promise.all([c.mount(a),f.mount(u),x?.mount(y)]),w=c.model,v=f.model}catch(c){return o.show(c instanceof Error?c.message:String(c)),()=>{}}let T=()=>w.get("labels")??{},A=()=>w.get("selected")??[],S=c=>{v.set("feature",c),v.save_changes()},E=()=>{let c=A();l.replaceChildren(...c.slice(0,O).map(f=>{let x=T()[String(f)],b=i("button",{class:"sw-chip",attrs:{type:"button"}},x?`#${f} ${x}`:`#${f}`);return b.setAttribute("aria-pressed",String(v.get("feature")===f)),b.addEventListener("click",()=>S(f)),b})),c.length>O&&l.append(i("span",{class:"sw-muted"},`and ${c.length-O} more`)),c.length===0&&l.append(i("span",{class:"sw-muted"},"drag in the map to select"))};if(e.get("has_lens")===!0&&!k){let c=$(e,n),f=i("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}});f.placeholder="Type text: the selected features (or the card's) colour its tokens";let x,b=0,te=async()=>{let U=++b,K=A(),ne=(K.length>0?K:[Number(v.get("feature"))]).slice(0,ve);try{let M=await P(c,"run",{text:f.value,features:ne});if(U!==b)return;o.show("");let re=G({...M,labels:T(),focus:null,selected_token:-1,text:f.value,live:!1,error:"",_standalone:!0});ee.render({model:re,el:d,experimental:n})}catch(M){U===b&&o.show(M instanceof Error?M.message:String(M))}};f.addEventListener("input",()=>{clearTimeout(x),x=setTimeout(te,500)}),h.append(i("div",{class:"sw-ex-h"},"Text"),f,d)}else h.append(i("div",{class:"sw-muted"},k?"Running text needs a Python kernel.":"Pass lens= to run text."));let p=()=>{let c=w.get("clicked");typeof c=="number"&&k&&S(c)},g=()=>{let c=A();k&&c.length>0&&S(c[0]),E()},m=()=>o.show(String(e.get("error")??""));return w.on("change:clicked",p),w.on("change:selected change:labels",g),v.on("change:feature",E),e.on("change:error",m),E(),()=>{w.off("change:clicked",p),w.off("change:selected change:labels",g),v.off("change:feature",E),e.off("change:error",m)}}var ot={render:Ae};export{ot as default};
