var L=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
  /* appended to <body>, outside .sw-root: name the font, or a page's default (serif) shows */
  font-family: var(--jp-ui-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: 12px;
  color: var(--jp-ui-font-color1, #1f2328);
}
.sw-tip table { border-collapse: collapse; }
.sw-tip td { padding: 0 4px 0 0; white-space: nowrap; }
.sw-tip td.sw-num { padding-left: 16px; text-align: right; font-variant-numeric: tabular-nums; }
.sw-tip-head { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; margin-bottom: 2px; }
.sw-tip h4 { margin: 4px 0 2px; font-size: 11px; font-weight: 600; }
`;function i(e,t={},...n){let o=document.createElement(e);t.class!==void 0&&(o.className=t.class),t.title!==void 0&&(o.title=t.title);for(let[r,s]of Object.entries(t.attrs??{}))o.setAttribute(r,s);for(let r of n)r==null||r===!1||o.append(typeof r=="string"?document.createTextNode(r):r);return o}function C(e,t){e.append(i("style",{},t))}function R(){let e=i("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}var _=12;function O(e){let t=e.ownerDocument,n=i("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0;let o=null,r=()=>{n.isConnected||(t.body.append(n),o=new MutationObserver(()=>{e.isConnected||(n.remove(),o?.disconnect(),o=null)}),o.observe(t.body,{childList:!0,subtree:!0}))},s=t.documentElement;return{el:n,show(a,l){r(),n.replaceChildren(l),n.hidden=!1;let u=a.getBoundingClientRect(),c=Math.min(u.left,s.clientWidth-n.offsetWidth-4),d=u.bottom+4,p=d+n.offsetHeight<=s.clientHeight;n.style.left=`${Math.max(0,c)}px`,n.style.top=`${p?d:Math.max(0,u.top-n.offsetHeight-4)}px`},showAt(a,l,...u){r(),n.replaceChildren(...u),n.hidden=!1;let c=a+_;c+n.offsetWidth>s.clientWidth-4&&(c=a-_-n.offsetWidth);let d=l+_;d+n.offsetHeight>s.clientHeight-4&&(d=l-_-n.offsetHeight),n.style.left=`${Math.max(0,c)}px`,n.style.top=`${Math.max(0,d)}px`},hide(){n.hidden=!0}}}function A(e,t,n){let o=t.find(r=>/\s/.test(r));if(o!==void 0)throw new Error(`one event per name, got "${o}"`);for(let r of t)e.on(r,n);return()=>{for(let r of t)e.off(r,n)}}async function $(e,t,n){let o=t.get(n);if(o==null)return null;if(e===void 0)throw new Error("this widget is composed of child widgets and needs anywidget 0.11 or later in the front end");let[r,s]=await Promise.all([e.getModel(String(o)),e.getWidget(String(o))]);return{model:r,mount:a=>s.render({el:a})}}var j="this view needs a running kernel; use .to_html() for a kernel-free copy",ie="saewidgets-request",le="saewidgets-response";function ue(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var U=0;function ce(){return U+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${U}`}function de(e){return(t,n,o={})=>new Promise((r,s)=>{let a=e.send;if(typeof a!="function"){s(new Error(j));return}let l=ce(),u=o.signal,c=(...m)=>{let f=m[0];f===null||typeof f!="object"||f.kind!==le||f.id!==l||(p(),r([f.response,pe(m[1])]))},d=()=>{p(),s(u?.reason??new Error("request aborted"))},p=()=>{e.off("msg:custom",c),u?.removeEventListener("abort",d)};if(u?.aborted){s(u.reason);return}u?.addEventListener("abort",d),e.on("msg:custom",c);try{a.call(e,{kind:ie,id:l,name:t,msg:n},void 0,o.buffers??[])}catch(m){p(),s(m)}})}function pe(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function fe(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function E(e,t){let n=t?.invoke;if(e.get("_standalone")===!0&&n!==void 0)return n;let o=de(e),r=typeof n!="function",s=null,a=async(u,c,d)=>{if(!r&&n!==void 0)try{return await n(u,c,d)}catch(p){if(fe(p))throw p;r=!0}return o(u,c,d)},l=()=>{let u=ue(e);return u!=="unknown"?Promise.resolve(u==="yes"):(s??(s=a("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),s)};return async(u,c,d)=>{if(!await l())throw new Error(j);return a(u,c,d)}}var N=60;function W(e){let t=i("div",{class:"sw-ex-chips",attrs:{"data-testid":"chips"}});return{el:t,draw(n,o,r){t.replaceChildren(...n.slice(0,N).map(s=>{let a=o[String(s)],l=i("button",{class:"sw-chip",attrs:{type:"button"}},a?`#${s} ${a}`:`#${s}`);return l.setAttribute("aria-pressed",String(r===s)),l.addEventListener("click",()=>e(s)),l})),n.length>N&&t.append(i("span",{class:"sw-muted"},`and ${n.length-N} more`)),n.length===0&&t.append(i("span",{class:"sw-muted"},"drag in the map to select"))}}}var me={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function h(e){let t=me[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((a,l)=>a*l,1),o=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(o.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${o.byteLength}`);let r=o.byteOffset%t.BYTES_PER_ELEMENT===0?o:new Uint8Array(o.slice()),s=r.buffer;return{data:new t(s,r.byteOffset,n),shape:e.shape}}function T(e,t){let n=e.shape[1]??1;return e.data.subarray(t*n,(t+1)*n)}function z(e,t,n){t.forEach((o,r)=>{if(o.length===0)throw new Error("empty buffer path");let s=e;for(let a of o.slice(0,-1))s=s[a];s[o[o.length-1]]=n[r]})}var ge=12e4;async function x(e,t,n,o=ge){let[r,s]=await e(t,n,{signal:AbortSignal.timeout(o)}),a=r??{};if(a.error!==void 0)throw new Error(String(a.error));let l={value:a.value};return z(l,(a.buffer_paths??[]).map(u=>["value",...u]),s),l.value}var he=[["text","fires on this text"],["token","peaks on this token"],["words","label / note / explanation"]];function be(e,t,n){let o=t?`#${e.feature} ${t}`:`#${e.feature}`,r=i("button",{class:"sw-chip sw-ex-hit",attrs:{type:"button","data-feature":String(e.feature)}},i("b",{},o)," ",i("span",{class:"sw-muted"},e.detail));return r.addEventListener("click",()=>n(e.feature)),r}function F(e,t,n,o){let r=i("select",{attrs:{"aria-label":"Search by"}});for(let[c,d]of he)r.append(i("option",{attrs:{value:c}},d));let s=i("input",{attrs:{type:"search","aria-label":"Search features"}});s.placeholder="search features\u2026";let a=i("div",{class:"sw-ex-chips",attrs:{"data-testid":"search-results"}}),l=i("form",{class:"sw-ex-search"},r,s,i("button",{attrs:{type:"submit"}},"Search")),u=0;return l.addEventListener("submit",c=>{c.preventDefault();let d=++u;a.replaceChildren(i("span",{class:"sw-muted"},"searching\u2026")),x(e,"search",{mode:r.value,query:s.value}).then(({rows:p})=>{if(d!==u)return;o("");let m=p.map(f=>be(f,t()[String(f.feature)],n));a.replaceChildren(...m.length?m:[i("span",{class:"sw-muted"},"no features found")])}).catch(p=>{d===u&&(a.replaceChildren(),o(p instanceof Error?p.message:String(p)))})}),i("div",{},i("div",{class:"sw-ex-h"},"Search"),l,a)}function q(e){let t={...e},n=new Map,o=(r,...s)=>{for(let a of[...n.get(r)??[]])a(...s)};return{get:r=>t[r],set(r,s){Object.is(t[r],s)||(t[r]=s,o(`change:${r}`,this,s),o("change",this))},save_changes(){},on(r,s){K(r),n.has(r)||n.set(r,new Set),n.get(r)?.add(s)},off(r,s){K(r),s===void 0?n.delete(r):n.get(r)?.delete(s)}}}function K(e){if(/\s/.test(e))throw new Error(`one event per subscription, got "${e}"; use listen()`)}var G=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function b(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}function ye(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function V(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(o,r)=>{let s=t[t.length-1];s!==void 0&&s.kind===o&&o!=="break"?s.text+=r:t.push({kind:o,text:r})};for(let o of e)o===`
`?(n("mark","\u21B5"),n("break",`
`)):o==="	"?n("mark","\u2192"):o==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(o)?n("mark",ye(o)):n("text",o);return t}function k(e){return V(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}function H(e){let t=b(e);return e>0?`+${t}`:t}function ve(e,t,n,o){let r=i("td",{class:"sw-num sw-attr-delta"});if(!Number.isNaN(o))return r.append(H(o)),r;let s=i("button",{class:"sw-chip sw-attr-ablate",attrs:{type:"button"}},"ablate");return s.title="Run the exact ablation of this feature at its position (lens.ablate)",s.addEventListener("click",async()=>{s.disabled=!0,s.textContent="\u2026";let a={text:e.text(),position:t.position,pos:h(t.pos).data[n],feature:h(t.feature).data[n]};try{let l=await x(e.invoke,"ablate",a);r.replaceChildren(H(l.delta)),r.title=`log p: ${b(l.lp_clean)} \u2192 ${b(l.lp_after)}`}catch(l){s.disabled=!1,s.textContent="ablate",r.title=String(l instanceof Error?l.message:l),r.append(i("span",{class:"sw-error-text"}," failed"))}}),r.append(s),r}function ke(e,t){return i("div",{class:"sw-tv-attr-head"},"Next token after ",i("b",{},k(e.token)),` (pos ${e.position}): target `,i("b",{attrs:{"data-testid":"attr-target"}},k(e.target_token)),i("span",{class:"sw-muted"},` \xB7 top ${t} of ${e.n_active} active (pos, feature) by |attribution|; ablation \u0394 is exact (\u2248 \u2212attribution to first order)`))}function Ae(e,t){let n=h(t.pos).data,o=h(t.feature).data,r=h(t.activation).data,s=h(t.attribution).data,a=h(t.ablated).data,l=i("table",{class:"sw-tv-attr-table"}),u=["feature","at token","activation","attribution","ablation \u0394 log p"];l.append(i("tr",{},...u.map(c=>i("th",{},c))));for(let c=0;c<o.length;c++){let d=o[c],p=i("button",{class:"sw-link sw-attr-feature",attrs:{type:"button"}},e.name(d));p.title=`Open the card of feature #${d}`,p.addEventListener("click",()=>e.open(d)),l.append(i("tr",{attrs:{"data-testid":"attr-row","data-feature":String(d),"data-pos":String(n[c])}},i("td",{},p),i("td",{class:"sw-attr-tok"},i("span",{},k(t.tokens[c])),i("span",{class:"sw-muted"},` @${n[c]}`)),i("td",{class:"sw-num sw-attr-act"},b(r[c])),i("td",{class:"sw-num sw-attr-attr"},H(s[c])),ve(e,t,c,a[c])))}return o.length===0&&l.append(i("tr",{},i("td",{class:"sw-muted"},"no feature is active"))),l}function X(e){let t=i("div",{class:"sw-tv-attr",attrs:{"data-testid":"attribution"}});t.hidden=!0;let n=0,o=async r=>{let s=++n;if(r===null||r<0){t.hidden=!0,t.replaceChildren();return}t.hidden=!1,t.replaceChildren(i("div",{class:"sw-muted"},`attributing the next token after pos ${r}\u2026`));try{let a=await x(e.invoke,"attribute",{text:e.text(),position:r});if(s!==n)return;t.replaceChildren(ke(a,h(a.feature).data.length),Ae(e,a))}catch(a){if(s!==n)return;t.replaceChildren(i("div",{class:"sw-error-text",attrs:{role:"alert"}},String(a instanceof Error?a.message:a)))}};return{el:t,show:r=>void o(r)}}function Y(e){let t=h(e.get("acts")),n=e.get("features"),o=new Set(e.get("special")??[]);e.get("bos")===!0&&o.add(0);let r=n.map((s,a)=>{let l=0;for(let u=0;u<t.shape[0];u++)o.has(u)||(l=Math.max(l,t.data[u*n.length+a]));return l});return{tokens:e.get("tokens"),acts:t,features:n,topIds:h(e.get("top_ids")),topVals:h(e.get("top_vals")),labels:e.get("labels")??{},vmax:r,special:o}}function y(e,t){let n=e.labels[String(t)];return n?`#${t} ${n}`:`#${t}`}function P(e){let t=i("span",{class:"sw-swatch"});return t.style.background=`rgb(${e[0]}, ${e[1]}, ${e[2]})`,t}var Ee=600;function J(e,t,n){let o=i("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),r=i("span",{class:"sw-muted"});o.value=String(e.get("text")??"");let s,a=0,l=async()=>{let c=++a;r.textContent="running\u2026";try{await x(t,"run",{text:o.value}),c===a&&n("")}catch(d){c===a&&n(String(d instanceof Error?d.message:d))}finally{c===a&&(r.textContent="")}};o.addEventListener("input",()=>{clearTimeout(s),s=setTimeout(l,Ee)});let u=()=>{document.activeElement!==o&&(o.value=String(e.get("text")??""))};return e.on("change:text",u),{el:i("div",{class:"sw-tv-editor"},o,r),destroy:()=>e.off("change:text",u)}}var Q=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function Te(e){let t=/^#([0-9a-f]{6})$/i.exec(e);if(t===null)throw new Error(`not a #rrggbb colour: ${e}`);let n=parseInt(t[1],16);return[n>>16&255,n>>8&255,n&255]}function M(e){return Te(Q[e%Q.length])}function I(e,t){return!(t>0)||!(e>0)?0:Math.min(1,e/t)}function Me(e,t){return Math.round(.85*I(e,t)*1e3)/1e3}function Z(e,t,n){let o=Me(t,n);return o===0?"transparent":`rgba(${e[0]}, ${e[1]}, ${e[2]}, ${o})`}function ee(e){let t=i("div",{class:"sw-tv-legend"});return{el:t,update(n,o){let r=(s,a,l)=>{let u=i("button",{class:"sw-chip",attrs:{type:"button"}});return l!==null&&u.append(P(l)),u.append(s),u.setAttribute("aria-pressed",String(o===a)),u.addEventListener("click",()=>e(a)),u};t.replaceChildren(r("all",null,null),...n.features.map((s,a)=>r(`${y(n,s)} \xB7 max ${b(n.vmax[a])}`,s,M(a))))}}}function Se(e,t,n){let o=n===null?-1:e.features.indexOf(n);if(o>=0)return o;let r=T(e.acts,t),s=0;for(let a=1;a<r.length;a++)I(r[a],e.vmax[a])>I(r[s],e.vmax[s])&&(s=a);return s}function Le(e,t,n){let o=T(e.acts,t),r=i("table",{});e.features.forEach((u,c)=>{let d=i("tr",{},i("td",{},P(M(c))),i("td",{},y(e,u)),i("td",{class:"sw-num"},b(o[c])));u===n&&(d.style.fontWeight="600"),r.append(d)});let s=i("table",{class:"sw-tv-top"}),a=T(e.topIds,t),l=T(e.topVals,t);for(let u=0;u<a.length;u++)l[u]>0&&s.append(i("tr",{},i("td",{},y(e,a[u])),i("td",{class:"sw-num"},b(l[u]))));return i("div",{},i("div",{class:"sw-tip-head"},i("b",{},k(e.tokens[t])),i("span",{class:"sw-muted"},`  pos ${t}`)),e.special.has(t)?i("div",{class:"sw-muted"},"special token: drawn grey, left out of the colour scale"):null,r,i("h4",{},`Top ${a.length} features here`),s.childElementCount>0?s:i("div",{class:"sw-muted"},"no feature fires"))}function te(e,t,n,o){let r=i("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}}),s=a=>a instanceof Element?a.closest(".sw-tok"):null;return r.addEventListener("mouseover",a=>{let l=s(a.target),u=t();l===null||u===null||e.show(l,Le(u,Number(l.dataset.i),n()))}),r.addEventListener("mouseleave",()=>e.hide()),r.addEventListener("scroll",()=>e.hide()),r.addEventListener("click",a=>{let l=s(a.target);l!==null&&o(Number(l.dataset.i))}),{el:r,build(a){r.replaceChildren(...a.tokens.map(_e)),a.tokens.length===0&&r.append(i("span",{class:"sw-muted"},"(no tokens)"))},paint(a,l,u){r.querySelectorAll(".sw-tok").forEach((c,d)=>{let p=Se(a,d,l),m=a.acts.data[d*a.features.length+p]??0,f=a.special.has(d);c.classList.toggle("sw-bos",f),c.style.background=f?"var(--jp-layout-color3, #e4e4e4)":Z(M(p),m,a.vmax[p]??0),c.classList.toggle("sw-selected",d===u)})}}}function _e(e,t){let n=i("span",{class:"sw-tok",attrs:{"data-i":String(t)}});for(let o of V(e))o.kind==="break"?n.append(i("br")):o.kind==="mark"?n.append(i("span",{class:"sw-ws"},o.text)):n.append(o.text);return n}function Ce({model:e,el:t,experimental:n}){let o=E(e,n),r=i("div",{class:"sw-root sw-tokenview"});C(r,L+G);let s=R();r.append(s.el),t.replaceChildren(r);let a=O(r),l=null,u=()=>e.get("focus"),c=()=>e.get("selected_token"),d=e.get("live")===!0&&e.get("_standalone")!==!0?J(e,o,s.show):null;d!==null&&r.append(d.el);let p=ee(g=>{e.set("focus",g),e.save_changes()}),m=te(a,()=>l,u,g=>{e.set("selected_token",c()===g?-1:g),e.save_changes()});r.append(p.el,m.el);let f=e.get("attributable")===!0?X({invoke:o,text:()=>String(e.get("text")??""),name:g=>l===null?`#${g}`:y(l,g),open:g=>{e.set("open_feature",-1),e.set("open_feature",g),e.save_changes()}}):null;f!==null&&r.append(f.el);let v=()=>f?.show(l!==null&&c()>=0&&c()<l.tokens.length?c():null),w=()=>{l!==null&&(p.update(l,u()),m.paint(l,u(),c()))},S=()=>{try{l=Y(e),s.show(String(e.get("error")??""))}catch(g){l=null,s.show(`TokenView cannot draw its data: ${String(g)}`);return}m.build(l),w(),v()},D=()=>s.show(String(e.get("error")??""));e.on("change:selected_token",v);let oe=A(e,["tokens","acts","features","top_ids","top_vals","labels","special"].map(g=>`change:${g}`),S),se=A(e,["change:focus","change:selected_token"],w);return e.on("change:error",D),S(),()=>{d?.destroy(),oe(),se(),e.off("change:selected_token",v),e.off("change:error",D)}}var ne={render:Ce};var Re=8;function $e(e,t,n,o,r){let s=q({...t,labels:o.labels(),focus:null,selected_token:-1,text:n,live:!1,attributable:!0,open_feature:-1,error:"",_standalone:!0});s.on("change:open_feature",()=>{let a=s.get("open_feature");typeof a=="number"&&a>=0&&o.open(a)}),ne.render({model:s,el:e,experimental:{invoke:r}})}function re(e){let t=i("div",{attrs:{"data-testid":"ex-tokens"}}),n=i("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}});n.placeholder="Type text: the selected features (or the card's) colour its tokens";let o,r=0,s=async()=>{let a=++r,l=e.features().slice(0,Re);try{let u=await x(e.invoke,"run",{text:n.value,features:l});if(a!==r)return;e.error(""),$e(t,u,n.value,e,e.invoke)}catch(u){a===r&&e.error(u instanceof Error?u.message:String(u))}};return n.addEventListener("input",()=>{clearTimeout(o),o=setTimeout(s,500)}),[i("div",{class:"sw-ex-h"},"Text"),n,t]}var Pe=`
.sw-ex-row { display: flex; gap: 12px; align-items: flex-start; margin-top: 8px; }
.sw-ex-side { flex: 0 0 340px; min-width: 0; }
.sw-ex-card { flex: 1; min-width: 0; }
.sw-ex-chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.sw-ex-side textarea { width: 100%; min-height: 4em; font: 12px var(--jp-code-font-family, monospace); }
.sw-ex-h { font-weight: 600; margin: 6px 0 2px; }
.sw-ex-search { display: flex; gap: 4px; margin-bottom: 4px; }
.sw-ex-search input { flex: 1; min-width: 0; }
.sw-ex-hit { text-align: left; }
`;async function Ie(e,t,n,o){try{let[r,s,a]=await Promise.all([$(e,t,"map"),$(e,t,"card"),$(e,t,"grid_view")]);if(r===null||s===null)throw new Error("the Explorer has no map or card widget");return await Promise.all([r.mount(n[0]),s.mount(n[1]),a?.mount(n[2])]),{map:r.model,card:s.model}}catch(r){return o.show(r instanceof Error?r.message:String(r)),null}}function Ne(e,{map:t,card:n},o,r,s){let a=()=>t.get("selected")??[],l=()=>t.get("labels")??{},u=()=>o.draw(a(),l(),n.get("feature")),c=()=>{let f=t.get("clicked");typeof f=="number"&&s&&B(n,f)},d=()=>{let f=a();s&&f.length>0&&B(n,f[0]),u()},p=()=>r.show(String(e.get("error")??""));t.on("change:clicked",c);let m=A(t,["change:selected","change:labels"],d);return n.on("change:feature",u),e.on("change:error",p),u(),()=>{t.off("change:clicked",c),m(),n.off("change:feature",u),e.off("change:error",p)}}function B(e,t){e.set("feature",t),e.save_changes()}async function Ve({model:e,el:t,experimental:n,host:o}){let r=i("div",{class:"sw-root sw-explorer"});C(r,L+Pe);let s=R(),a=[i("div",{}),i("div",{class:"sw-ex-card"}),i("div",{})],l=i("div",{class:"sw-ex-side"},i("div",{class:"sw-ex-h"},"Selected features"));r.append(s.el,a[0],i("div",{class:"sw-ex-row"},l,a[1]),a[2]),t.replaceChildren(r),s.show(String(e.get("error")??""));let u=e.get("_standalone")===!0,c=await Ie(o,e,a,s);if(c===null)return()=>{};let{map:d,card:p}=c,m=w=>B(p,w),f=W(m);l.append(f.el);let v=()=>d.get("labels")??{};if(u||l.prepend(F(E(e,n),v,m,s.show)),e.get("has_lens")===!0&&!u){let w=()=>d.get("selected")??[],S=()=>w().length>0?w():[Number(p.get("feature"))];l.append(...re({invoke:E(e,n),features:S,labels:v,open:m,error:s.show}))}else{let w=u?"Running text needs a Python kernel.":"Pass lens= to run text.";l.append(i("div",{class:"sw-muted"},w))}return Ne(e,c,f,s,u)}var rn={render:Ve};export{rn as default};
