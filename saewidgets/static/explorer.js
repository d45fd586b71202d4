var P=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;function r(e,t={},...n){let s=document.createElement(e);t.class!==void 0&&(s.className=t.class),t.title!==void 0&&(s.title=t.title);for(let[i,a]of Object.entries(t.attrs??{}))s.setAttribute(i,a);for(let i of n)i==null||i===!1||s.append(typeof i=="string"?document.createTextNode(i):i);return s}function B(e,t){e.append(r("style",{},t))}function j(){let e=r("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}var V=12;function Y(e){let t=e.ownerDocument,n=r("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0;let s=null,i=()=>{n.isConnected||(t.body.append(n),s=new MutationObserver(()=>{e.isConnected||(n.remove(),s?.disconnect(),s=null)}),s.observe(t.body,{childList:!0,subtree:!0}))},a=t.documentElement;return{el:n,show(o,u){i(),n.replaceChildren(u),n.hidden=!1;let l=o.getBoundingClientRect(),p=Math.min(l.left,a.clientWidth-n.offsetWidth-4),c=l.bottom+4,x=c+n.offsetHeight<=a.clientHeight;n.style.left=`${Math.max(0,p)}px`,n.style.top=`${x?c:Math.max(0,l.top-n.offsetHeight-4)}px`},showAt(o,u,...l){i(),n.replaceChildren(...l),n.hidden=!1;let p=o+V;p+n.offsetWidth>a.clientWidth-4&&(p=o-V-n.offsetWidth);let c=u+V;c+n.offsetHeight>a.clientHeight-4&&(c=u-V-n.offsetHeight),n.style.left=`${Math.max(0,p)}px`,n.style.top=`${Math.max(0,c)}px`},hide(){n.hidden=!0}}}async function H(e,t,n){let s=t.get(n);if(s==null)return null;if(e===void 0)throw new Error("this widget is composed of child widgets and needs anywidget 0.11 or later in the front end");let[i,a]=await Promise.all([e.getModel(String(s)),e.getWidget(String(s))]);return{model:i,mount:o=>a.render({el:o})}}var Q="this view needs a running kernel; use .to_html() for a kernel-free copy",ce="saewidgets-request",ue="saewidgets-response";function de(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var J=0;function fe(){return J+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${J}`}function pe(e){return(t,n,s={})=>new Promise((i,a)=>{let o=e.send;if(typeof o!="function"){a(new Error(Q));return}let u=fe(),l=s.signal,p=(...h)=>{let b=h[0];b===null||typeof b!="object"||b.kind!==ue||b.id!==u||(x(),i([b.response,ge(h[1])]))},c=()=>{x(),a(l?.reason??new Error("request aborted"))},x=()=>{e.off("msg:custom",p),l?.removeEventListener("abort",c)};if(l?.aborted){a(l.reason);return}l?.addEventListener("abort",c),e.on("msg:custom",p);try{o.call(e,{kind:ce,id:u,name:t,msg:n},void 0,s.buffers??[])}catch(h){x(),a(h)}})}function ge(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function me(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function O(e,t){let n=t?.invoke,s=pe(e),i=typeof n!="function",a=null,o=async(l,p,c)=>{if(!i&&n!==void 0)try{return await n(l,p,c)}catch(x){if(me(x))throw x;i=!0}return s(l,p,c)},u=()=>{let l=de(e);return l!=="unknown"?Promise.resolve(l==="yes"):(a??(a=o("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),a)};return async(l,p,c)=>{if(!await u())throw new Error(Q);return o(l,p,c)}}var he={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function k(e){let t=he[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((o,u)=>o*u,1),s=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(s.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${s.byteLength}`);let i=s.byteOffset%t.BYTES_PER_ELEMENT===0?s:new Uint8Array(s.slice()),a=i.buffer;return{data:new t(a,i.byteOffset,n),shape:e.shape}}function I(e,t){let n=e.shape[1]??1;return e.data.subarray(t*n,(t+1)*n)}function Z(e,t,n){t.forEach((s,i)=>{if(s.length===0)throw new Error("empty buffer path");let a=e;for(let o of s.slice(0,-1))a=a[o];a[s[s.length-1]]=n[i]})}var be=12e4;async function $(e,t,n,s=be){let[i,a]=await e(t,n,{signal:AbortSignal.timeout(s)}),o=i??{};if(o.error!==void 0)throw new Error(String(o.error));let u={value:o.value};return Z(u,(o.buffer_paths??[]).map(l=>["value",...l]),a),u.value}function ee(e){let t={...e},n=new Map,s=(i,...a)=>{for(let o of[...n.get(i)??[]])o(...a)};return{get:i=>t[i],set(i,a){Object.is(t[i],a)||(t[i]=a,s(`change:${i}`,this,a),s("change",this))},save_changes(){},on(i,a){for(let o of i.split(/\s+/).filter(Boolean))n.has(o)||n.set(o,new Set),n.get(o)?.add(a)},off(i,a){for(let o of i.split(/\s+/).filter(Boolean))a===void 0?n.delete(o):n.get(o)?.delete(a)}}}var te=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function we(e){let t=/^#([0-9a-f]{6})$/i.exec(e);if(t===null)throw new Error(`not a #rrggbb colour: ${e}`);let n=parseInt(t[1],16);return[n>>16&255,n>>8&255,n&255]}function D(e){return we(te[e%te.length])}function U(e,t){return!(t>0)||!(e>0)?0:Math.min(1,e/t)}function xe(e,t){return Math.round(.85*U(e,t)*1e3)/1e3}function ne(e,t,n){let s=xe(t,n);return s===0?"transparent":`rgba(${e[0]}, ${e[1]}, ${e[2]}, ${s})`}function T(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}function ye(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function z(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(s,i)=>{let a=t[t.length-1];a!==void 0&&a.kind===s&&s!=="break"?a.text+=i:t.push({kind:s,text:i})};for(let s of e)s===`
`?(n("mark","\u21B5"),n("break",`
`)):s==="	"?n("mark","\u2192"):s==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(s)?n("mark",ye(s)):n("text",s);return t}function L(e){return z(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}var re=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
.sw-tv-attr { margin-top: 8px; font-size: 12px; }
.sw-tv-attr-head { margin-bottom: 4px; }
.sw-tv-attr-table { border-collapse: collapse; }
.sw-tv-attr-table th { text-align: left; font-weight: 600; padding: 2px 8px 2px 0; color: var(--jp-ui-font-color2, #656d76); }
.sw-tv-attr-table td { padding: 1px 8px 1px 0; }
.sw-tv-attr-table .sw-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sw-tv-attr .sw-link {
  border: none;
  background: none;
  padding: 0;
  color: var(--jp-brand-color1, #0969da);
  cursor: pointer;
  font: inherit;
  text-align: left;
}
.sw-tv-attr .sw-link:hover { text-decoration: underline; }
.sw-tv-attr .sw-chip { padding: 0 6px; font-size: 11px; }
.sw-tv-attr .sw-error-text { color: #cf222e; }
.sw-attr-tok { font-family: var(--jp-code-font-family, ui-monospace, monospace); white-space: pre; }
`;function q(e){let t=T(e);return e>0?`+${t}`:t}function oe(e){let t=r("div",{class:"sw-tv-attr",attrs:{"data-testid":"attribution"}});t.hidden=!0;let n=0,s=(o,u,l)=>{let p=r("td",{class:"sw-num sw-attr-delta"});if(!Number.isNaN(l))return p.append(q(l)),p;let c=r("button",{class:"sw-chip sw-attr-ablate",attrs:{type:"button"}},"ablate");return c.title="Run the exact ablation of this feature at its position (lens.ablate)",c.addEventListener("click",async()=>{c.disabled=!0,c.textContent="\u2026";let x={text:e.text(),position:o.position,pos:k(o.pos).data[u],feature:k(o.feature).data[u]};try{let h=await $(e.invoke,"ablate",x);p.replaceChildren(q(h.delta)),p.title=`log p: ${T(h.lp_clean)} \u2192 ${T(h.lp_after)}`}catch(h){c.disabled=!1,c.textContent="ablate",p.title=String(h instanceof Error?h.message:h),p.append(r("span",{class:"sw-error-text"}," failed"))}}),p.append(c),p},i=o=>{let u=k(o.pos).data,l=k(o.feature).data,p=k(o.activation).data,c=k(o.attribution).data,x=k(o.ablated).data,h=r("div",{class:"sw-tv-attr-head"},"Next token after ",r("b",{},L(o.token)),` (pos ${o.position}): target `,r("b",{attrs:{"data-testid":"attr-target"}},L(o.target_token)),r("span",{class:"sw-muted"},` \xB7 top ${l.length} of ${o.n_active} active (pos, feature) by |attribution|; ablation \u0394 is exact (\u2248 \u2212attribution to first order)`)),b=r("table",{class:"sw-tv-attr-table"});b.append(r("tr",{},r("th",{},"feature"),r("th",{},"at token"),r("th",{},"activation"),r("th",{},"attribution"),r("th",{},"ablation \u0394 log p")));for(let w=0;w<l.length;w++){let A=l[w],E=r("button",{class:"sw-link sw-attr-feature",attrs:{type:"button"}},e.name(A));E.title=`Open the card of feature #${A}`,E.addEventListener("click",()=>e.open(A)),b.append(r("tr",{attrs:{"data-testid":"attr-row","data-feature":String(A),"data-pos":String(u[w])}},r("td",{},E),r("td",{class:"sw-attr-tok"},r("span",{},L(o.tokens[w])),r("span",{class:"sw-muted"},` @${u[w]}`)),r("td",{class:"sw-num sw-attr-act"},T(p[w])),r("td",{class:"sw-num sw-attr-attr"},q(c[w])),s(o,w,x[w])))}l.length===0&&b.append(r("tr",{},r("td",{class:"sw-muted"},"no feature is active"))),t.replaceChildren(h,b)},a=async o=>{let u=++n;if(o===null||o<0){t.hidden=!0,t.replaceChildren();return}t.hidden=!1,t.replaceChildren(r("div",{class:"sw-muted"},`attributing the next token after pos ${o}\u2026`));try{let l=await $(e.invoke,"attribute",{text:e.text(),position:o});u===n&&i(l)}catch(l){if(u!==n)return;t.replaceChildren(r("div",{class:"sw-error-text",attrs:{role:"alert"}},String(l instanceof Error?l.message:l)))}};return{el:t,show:o=>void a(o)}}function ke(e){let t=k(e.get("acts")),n=e.get("features"),s=e.get("bos")===!0,i=n.map((a,o)=>{let u=0;for(let l=s?1:0;l<t.shape[0];l++)u=Math.max(u,t.data[l*n.length+o]);return u});return{tokens:e.get("tokens"),acts:t,features:n,topIds:k(e.get("top_ids")),topVals:k(e.get("top_vals")),labels:e.get("labels")??{},vmax:i,bos:s}}function W(e,t){let n=e.labels[String(t)];return n?`#${t} ${n}`:`#${t}`}function se(e){let t=r("span",{class:"sw-swatch"});return t.style.background=`rgb(${e[0]}, ${e[1]}, ${e[2]})`,t}function Ae(e,t,n){let s=n===null?-1:e.features.indexOf(n);if(s>=0)return s;let i=I(e.acts,t),a=0;for(let o=1;o<i.length;o++)U(i[o],e.vmax[o])>U(i[a],e.vmax[a])&&(a=o);return a}function Ee(e,t,n){let s=I(e.acts,t),i=r("table",{});e.features.forEach((l,p)=>{let c=r("tr",{},r("td",{},se(D(p))),r("td",{},W(e,l)),r("td",{class:"sw-num"},T(s[p])));l===n&&(c.style.fontWeight="600"),i.append(c)});let a=r("table",{class:"sw-tv-top"}),o=I(e.topIds,t),u=I(e.topVals,t);for(let l=0;l<o.length;l++)u[l]>0&&a.append(r("tr",{},r("td",{},W(e,o[l])),r("td",{class:"sw-num"},T(u[l]))));return r("div",{},r("div",{class:"sw-tip-head"},r("b",{},L(e.tokens[t])),r("span",{class:"sw-muted"},`  pos ${t}`)),i,r("h4",{},`Top ${o.length} features here`),a.childElementCount>0?a:r("div",{class:"sw-muted"},"no feature fires"))}function Se({model:e,el:t,experimental:n}){let s=O(e,n),i=r("div",{class:"sw-root sw-tokenview"});B(i,P+re);let a=j(),o=r("div",{class:"sw-tv-legend"}),u=r("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});i.append(a.el),t.replaceChildren(i);let l=Y(i),p=e.get("_standalone")===!0,c=null;if(e.get("live")===!0&&!p){let g=r("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),d=r("span",{class:"sw-muted"});g.value=String(e.get("text")??"");let f,m=0,y=async()=>{let S=++m;d.textContent="running\u2026";try{await $(s,"run",{text:g.value}),S===m&&a.show("")}catch(v){S===m&&a.show(String(v instanceof Error?v.message:v))}finally{S===m&&(d.textContent="")}};g.addEventListener("input",()=>{clearTimeout(f),f=setTimeout(y,600)}),e.on("change:text",()=>{document.activeElement!==g&&(g.value=String(e.get("text")??""))}),i.append(r("div",{class:"sw-tv-editor"},g,d))}i.append(o,u);let x=e.get("attributable")===!0?oe({invoke:s,text:()=>String(e.get("text")??""),name:g=>c===null?`#${g}`:W(c,g),open:g=>{e.set("open_feature",-1),e.set("open_feature",g),e.save_changes()}}):null;x!==null&&i.append(x.el);let h=()=>{let g=e.get("selected_token");x?.show(c!==null&&g>=0&&g<c.tokens.length?g:null)},b=()=>{if(c===null)return;let g=e.get("focus"),d=e.get("selected_token");u.querySelectorAll(".sw-tok").forEach((f,m)=>{let y=Ae(c,m,g),S=c.acts.data[m*c.features.length+y]??0,v=c.bos&&m===0;f.classList.toggle("sw-bos",v),f.style.background=v?"var(--jp-layout-color3, #e4e4e4)":ne(D(y),S,c.vmax[y]??0),f.classList.toggle("sw-selected",m===d)})},w=()=>{if(c===null)return;let g=e.get("focus"),d=(m,y,S)=>{let v=r("button",{class:"sw-chip",attrs:{type:"button"}});return S!==null&&v.append(se(S)),v.append(m),v.setAttribute("aria-pressed",String(g===y)),v.addEventListener("click",()=>{e.set("focus",y),e.save_changes()}),v},f=c;o.replaceChildren(d("all",null,null),...f.features.map((m,y)=>d(`${W(f,m)} \xB7 max ${T(f.vmax[y])}`,m,D(y))))},A=()=>{try{c=ke(e),a.show(String(e.get("error")??""))}catch(g){c=null,a.show(`TokenView cannot draw its data: ${String(g)}`);return}u.replaceChildren(...c.tokens.map((g,d)=>{let f=r("span",{class:"sw-tok",attrs:{"data-i":String(d)}});for(let m of z(g))m.kind==="break"?f.append(r("br")):m.kind==="mark"?f.append(r("span",{class:"sw-ws"},m.text)):f.append(m.text);return f})),c.tokens.length===0&&u.append(r("span",{class:"sw-muted"},"(no tokens)")),w(),b(),h()},E=g=>g instanceof Element?g.closest(".sw-tok"):null;u.addEventListener("mouseover",g=>{let d=E(g.target);d===null||c===null||l.show(d,Ee(c,Number(d.dataset.i),e.get("focus")))}),u.addEventListener("mouseleave",()=>l.hide()),u.addEventListener("scroll",()=>l.hide()),u.addEventListener("click",g=>{let d=E(g.target);if(d===null)return;let f=Number(d.dataset.i);e.set("selected_token",e.get("selected_token")===f?-1:f),e.save_changes()});let M=()=>A(),_=()=>{w(),b()},C=()=>a.show(String(e.get("error")??""));e.on("change:selected_token",h);let R="change:tokens change:acts change:features change:top_ids change:top_vals change:labels";return e.on(R,M),e.on("change:focus change:selected_token",_),e.on("change:error",C),A(),()=>{e.off(R,M),e.off("change:focus change:selected_token",_),e.off("change:selected_token",h),e.off("change:error",C)}}var ae={render:Se};var G=60,Te=8,Me=`
.sw-ex-row { display: flex; gap: 12px; align-items: flex-start; margin-top: 8px; }
.sw-ex-side { flex: 0 0 340px; min-width: 0; }
.sw-ex-card { flex: 1; min-width: 0; }
.sw-ex-chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.sw-ex-side textarea { width: 100%; min-height: 4em; font: 12px var(--jp-code-font-family, monospace); }
.sw-ex-h { font-weight: 600; margin: 6px 0 2px; }
`;async function _e({model:e,el:t,experimental:n,host:s}){let i=r("div",{class:"sw-root sw-explorer"});B(i,P+Me);let a=j(),o=r("div",{}),u=r("div",{class:"sw-ex-chips",attrs:{"data-testid":"chips"}}),l=r("div",{attrs:{"data-testid":"ex-tokens"}}),p=r("div",{class:"sw-ex-side"},r("div",{class:"sw-ex-h"},"Selected features"),u),c=r("div",{class:"sw-ex-card"}),x=r("div",{});i.append(a.el,o,r("div",{class:"sw-ex-row"},p,c),x),t.replaceChildren(i),a.show(String(e.get("error")??""));let h=e.get("_standalone")===!0,b,w;try{let[d,f,m]=await Promise.all([H(s,e,"map"),H(s,e,"card"),H(s,e,"grid_view")]);if(d===null||f===null)throw new Error("the Explorer has no map or card widget");await Promise.all([d.mount(o),f.mount(c),m?.mount(x)]),b=d.model,w=f.model}catch(d){return a.show(d instanceof Error?d.message:String(d)),()=>{}}let A=()=>b.get("labels")??{},E=()=>b.get("selected")??[],M=d=>{w.set("feature",d),w.save_changes()},_=()=>{let d=E();u.replaceChildren(...d.slice(0,G).map(f=>{let m=A()[String(f)],y=r("button",{class:"sw-chip",attrs:{type:"button"}},m?`#${f} ${m}`:`#${f}`);return y.setAttribute("aria-pressed",String(w.get("feature")===f)),y.addEventListener("click",()=>M(f)),y})),d.length>G&&u.append(r("span",{class:"sw-muted"},`and ${d.length-G} more`)),d.length===0&&u.append(r("span",{class:"sw-muted"},"drag in the map to select"))};if(e.get("has_lens")===!0&&!h){let d=O(e,n),f=r("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}});f.placeholder="Type text: the selected features (or the card's) colour its tokens";let m,y=0,S=async()=>{let v=++y,X=E(),ie=(X.length>0?X:[Number(w.get("feature"))]).slice(0,Te);try{let N=await $(d,"run",{text:f.value,features:ie});if(v!==y)return;a.show("");let K=ee({...N,labels:A(),focus:null,selected_token:-1,text:f.value,live:!1,attributable:!0,open_feature:-1,error:"",_standalone:!0});K.on("change:open_feature",()=>{let F=K.get("open_feature");typeof F=="number"&&F>=0&&M(F)}),ae.render({model:K,el:l,experimental:n})}catch(N){v===y&&a.show(N instanceof Error?N.message:String(N))}};f.addEventListener("input",()=>{clearTimeout(m),m=setTimeout(S,500)}),p.append(r("div",{class:"sw-ex-h"},"Text"),f,l)}else p.append(r("div",{class:"sw-muted"},h?"Running text needs a Python kernel.":"Pass lens= to run text."));let C=()=>{let d=b.get("clicked");typeof d=="number"&&h&&M(d)},R=()=>{let d=E();h&&d.length>0&&M(d[0]),_()},g=()=>a.show(String(e.get("error")??""));return b.on("change:clicked",C),b.on("change:selected change:labels",R),w.on("change:feature",_),e.on("change:error",g),_(),()=>{b.off("change:clicked",C),b.off("change:selected change:labels",R),w.off("change:feature",_),e.off("change:error",g)}}var mt={render:_e};export{mt as default};
