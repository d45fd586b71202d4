var V=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;function a(e,t={},...n){let o=document.createElement(e);t.class!==void 0&&(o.className=t.class),t.title!==void 0&&(o.title=t.title);for(let[r,s]of Object.entries(t.attrs??{}))o.setAttribute(r,s);for(let r of n)r==null||r===!1||o.append(typeof r=="string"?document.createTextNode(r):r);return o}function H(e,t){e.append(a("style",{},t))}function O(){let e=a("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}var D=12;function J(e){let t=e.ownerDocument,n=a("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0;let o=null,r=()=>{n.isConnected||(t.body.append(n),o=new MutationObserver(()=>{e.isConnected||(n.remove(),o?.disconnect(),o=null)}),o.observe(t.body,{childList:!0,subtree:!0}))},s=t.documentElement;return{el:n,show(i,l){r(),n.replaceChildren(l),n.hidden=!1;let c=i.getBoundingClientRect(),u=Math.min(c.left,s.clientWidth-n.offsetWidth-4),d=c.bottom+4,f=d+n.offsetHeight<=s.clientHeight;n.style.left=`${Math.max(0,u)}px`,n.style.top=`${f?d:Math.max(0,c.top-n.offsetHeight-4)}px`},showAt(i,l,...c){r(),n.replaceChildren(...c),n.hidden=!1;let u=i+D;u+n.offsetWidth>s.clientWidth-4&&(u=i-D-n.offsetWidth);let d=l+D;d+n.offsetHeight>s.clientHeight-4&&(d=l-D-n.offsetHeight),n.style.left=`${Math.max(0,u)}px`,n.style.top=`${Math.max(0,d)}px`},hide(){n.hidden=!0}}}function R(e,t,n){let o=t.find(r=>/\s/.test(r));if(o!==void 0)throw new Error(`one event per name, got "${o}"`);for(let r of t)e.on(r,n);return()=>{for(let r of t)e.off(r,n)}}async function B(e,t,n){let o=t.get(n);if(o==null)return null;if(e===void 0)throw new Error("this widget is composed of child widgets and needs anywidget 0.11 or later in the front end");let[r,s]=await Promise.all([e.getModel(String(o)),e.getWidget(String(o))]);return{model:r,mount:i=>s.render({el:i})}}var Z="this view needs a running kernel; use .to_html() for a kernel-free copy",we="saewidgets-request",be="saewidgets-response";function xe(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var Q=0;function ye(){return Q+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Q}`}function ve(e){return(t,n,o={})=>new Promise((r,s)=>{let i=e.send;if(typeof i!="function"){s(new Error(Z));return}let l=ye(),c=o.signal,u=(...g)=>{let m=g[0];m===null||typeof m!="object"||m.kind!==be||m.id!==l||(f(),r([m.response,ke(g[1])]))},d=()=>{f(),s(c?.reason??new Error("request aborted"))},f=()=>{e.off("msg:custom",u),c?.removeEventListener("abort",d)};if(c?.aborted){s(c.reason);return}c?.addEventListener("abort",d),e.on("msg:custom",u);try{i.call(e,{kind:we,id:l,name:t,msg:n},void 0,o.buffers??[])}catch(g){f(),s(g)}})}function ke(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function Ae(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function C(e,t){let n=t?.invoke;if(e.get("_standalone")===!0&&n!==void 0)return n;let o=ve(e),r=typeof n!="function",s=null,i=async(c,u,d)=>{if(!r&&n!==void 0)try{return await n(c,u,d)}catch(f){if(Ae(f))throw f;r=!0}return o(c,u,d)},l=()=>{let c=xe(e);return c!=="unknown"?Promise.resolve(c==="yes"):(s??(s=i("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),s)};return async(c,u,d)=>{if(!await l())throw new Error(Z);return i(c,u,d)}}var Ee={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function b(e){let t=Ee[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((i,l)=>i*l,1),o=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(o.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${o.byteLength}`);let r=o.byteOffset%t.BYTES_PER_ELEMENT===0?o:new Uint8Array(o.slice()),s=r.buffer;return{data:new t(s,r.byteOffset,n),shape:e.shape}}function P(e,t){let n=e.shape[1]??1;return e.data.subarray(t*n,(t+1)*n)}function ee(e,t,n){t.forEach((o,r)=>{if(o.length===0)throw new Error("empty buffer path");let s=e;for(let i of o.slice(0,-1))s=s[i];s[o[o.length-1]]=n[r]})}var Te=12e4;async function v(e,t,n,o=Te){let[r,s]=await e(t,n,{signal:AbortSignal.timeout(o)}),i=r??{};if(i.error!==void 0)throw new Error(String(i.error));let l={value:i.value};return ee(l,(i.buffer_paths??[]).map(c=>["value",...c]),s),l.value}function ne(e){let t={...e},n=new Map,o=(r,...s)=>{for(let i of[...n.get(r)??[]])i(...s)};return{get:r=>t[r],set(r,s){Object.is(t[r],s)||(t[r]=s,o(`change:${r}`,this,s),o("change",this))},save_changes(){},on(r,s){te(r),n.has(r)||n.set(r,new Set),n.get(r)?.add(s)},off(r,s){te(r),s===void 0?n.delete(r):n.get(r)?.delete(s)}}}function te(e){if(/\s/.test(e))throw new Error(`one event per subscription, got "${e}"; use listen()`)}var re=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function y(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}function _e(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function K(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(o,r)=>{let s=t[t.length-1];s!==void 0&&s.kind===o&&o!=="break"?s.text+=r:t.push({kind:o,text:r})};for(let o of e)o===`
`?(n("mark","\u21B5"),n("break",`
`)):o==="	"?n("mark","\u2192"):o==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(o)?n("mark",_e(o)):n("text",o);return t}function _(e){return K(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}function q(e){let t=y(e);return e>0?`+${t}`:t}function Le(e,t,n,o){let r=a("td",{class:"sw-num sw-attr-delta"});if(!Number.isNaN(o))return r.append(q(o)),r;let s=a("button",{class:"sw-chip sw-attr-ablate",attrs:{type:"button"}},"ablate");return s.title="Run the exact ablation of this feature at its position (lens.ablate)",s.addEventListener("click",async()=>{s.disabled=!0,s.textContent="\u2026";let i={text:e.text(),position:t.position,pos:b(t.pos).data[n],feature:b(t.feature).data[n]};try{let l=await v(e.invoke,"ablate",i);r.replaceChildren(q(l.delta)),r.title=`log p: ${y(l.lp_clean)} \u2192 ${y(l.lp_after)}`}catch(l){s.disabled=!1,s.textContent="ablate",r.title=String(l instanceof Error?l.message:l),r.append(a("span",{class:"sw-error-text"}," failed"))}}),r.append(s),r}function $e(e,t){return a("div",{class:"sw-tv-attr-head"},"Next token after ",a("b",{},_(e.token)),` (pos ${e.position}): target `,a("b",{attrs:{"data-testid":"attr-target"}},_(e.target_token)),a("span",{class:"sw-muted"},` \xB7 top ${t} of ${e.n_active} active (pos, feature) by |attribution|; ablation \u0394 is exact (\u2248 \u2212attribution to first order)`))}function Re(e,t){let n=b(t.pos).data,o=b(t.feature).data,r=b(t.activation).data,s=b(t.attribution).data,i=b(t.ablated).data,l=a("table",{class:"sw-tv-attr-table"}),c=["feature","at token","activation","attribution","ablation \u0394 log p"];l.append(a("tr",{},...c.map(u=>a("th",{},u))));for(let u=0;u<o.length;u++){let d=o[u],f=a("button",{class:"sw-link sw-attr-feature",attrs:{type:"button"}},e.name(d));f.title=`Open the card of feature #${d}`,f.addEventListener("click",()=>e.open(d)),l.append(a("tr",{attrs:{"data-testid":"attr-row","data-feature":String(d),"data-pos":String(n[u])}},a("td",{},f),a("td",{class:"sw-attr-tok"},a("span",{},_(t.tokens[u])),a("span",{class:"sw-muted"},` @${n[u]}`)),a("td",{class:"sw-num sw-attr-act"},y(r[u])),a("td",{class:"sw-num sw-attr-attr"},q(s[u])),Le(e,t,u,i[u])))}return o.length===0&&l.append(a("tr",{},a("td",{class:"sw-muted"},"no feature is active"))),l}function oe(e){let t=a("div",{class:"sw-tv-attr",attrs:{"data-testid":"attribution"}});t.hidden=!0;let n=0,o=async r=>{let s=++n;if(r===null||r<0){t.hidden=!0,t.replaceChildren();return}t.hidden=!1,t.replaceChildren(a("div",{class:"sw-muted"},`attributing the next token after pos ${r}\u2026`));try{let i=await v(e.invoke,"attribute",{text:e.text(),position:r});if(s!==n)return;t.replaceChildren($e(i,b(i.feature).data.length),Re(e,i))}catch(i){if(s!==n)return;t.replaceChildren(a("div",{class:"sw-error-text",attrs:{role:"alert"}},String(i instanceof Error?i.message:i)))}};return{el:t,show:r=>void o(r)}}function se(e){let t=b(e.get("acts")),n=e.get("features"),o=new Set(e.get("special")??[]);e.get("bos")===!0&&o.add(0);let r=n.map((s,i)=>{let l=0;for(let c=0;c<t.shape[0];c++)o.has(c)||(l=Math.max(l,t.data[c*n.length+i]));return l});return{tokens:e.get("tokens"),acts:t,features:n,topIds:b(e.get("top_ids")),topVals:b(e.get("top_vals")),labels:e.get("labels")??{},vmax:r,special:o}}function S(e,t){let n=e.labels[String(t)];return n?`#${t} ${n}`:`#${t}`}function U(e){let t=a("span",{class:"sw-swatch"});return t.style.background=`rgb(${e[0]}, ${e[1]}, ${e[2]})`,t}var Ce=600;function ae(e,t,n){let o=a("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),r=a("span",{class:"sw-muted"});o.value=String(e.get("text")??"");let s,i=0,l=async()=>{let u=++i;r.textContent="running\u2026";try{await v(t,"run",{text:o.value}),u===i&&n("")}catch(d){u===i&&n(String(d instanceof Error?d.message:d))}finally{u===i&&(r.textContent="")}};o.addEventListener("input",()=>{clearTimeout(s),s=setTimeout(l,Ce)});let c=()=>{document.activeElement!==o&&(o.value=String(e.get("text")??""))};return e.on("change:text",c),{el:a("div",{class:"sw-tv-editor"},o,r),destroy:()=>e.off("change:text",c)}}var ie=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function Pe(e){let t=/^#([0-9a-f]{6})$/i.exec(e);if(t===null)throw new Error(`not a #rrggbb colour: ${e}`);let n=parseInt(t[1],16);return[n>>16&255,n>>8&255,n&255]}function N(e){return Pe(ie[e%ie.length])}function j(e,t){return!(t>0)||!(e>0)?0:Math.min(1,e/t)}function Ne(e,t){return Math.round(.85*j(e,t)*1e3)/1e3}function le(e,t,n){let o=Ne(t,n);return o===0?"transparent":`rgba(${e[0]}, ${e[1]}, ${e[2]}, ${o})`}function ce(e){let t=a("div",{class:"sw-tv-legend"});return{el:t,update(n,o){let r=(s,i,l)=>{let c=a("button",{class:"sw-chip",attrs:{type:"button"}});return l!==null&&c.append(U(l)),c.append(s),c.setAttribute("aria-pressed",String(o===i)),c.addEventListener("click",()=>e(i)),c};t.replaceChildren(r("all",null,null),...n.features.map((s,i)=>r(`${S(n,s)} \xB7 max ${y(n.vmax[i])}`,s,N(i))))}}}function Ie(e,t,n){let o=n===null?-1:e.features.indexOf(n);if(o>=0)return o;let r=P(e.acts,t),s=0;for(let i=1;i<r.length;i++)j(r[i],e.vmax[i])>j(r[s],e.vmax[s])&&(s=i);return s}function Ve(e,t,n){let o=P(e.acts,t),r=a("table",{});e.features.forEach((c,u)=>{let d=a("tr",{},a("td",{},U(N(u))),a("td",{},S(e,c)),a("td",{class:"sw-num"},y(o[u])));c===n&&(d.style.fontWeight="600"),r.append(d)});let s=a("table",{class:"sw-tv-top"}),i=P(e.topIds,t),l=P(e.topVals,t);for(let c=0;c<i.length;c++)l[c]>0&&s.append(a("tr",{},a("td",{},S(e,i[c])),a("td",{class:"sw-num"},y(l[c]))));return a("div",{},a("div",{class:"sw-tip-head"},a("b",{},_(e.tokens[t])),a("span",{class:"sw-muted"},`  pos ${t}`)),e.special.has(t)?a("div",{class:"sw-muted"},"special token: drawn grey, left out of the colour scale"):null,r,a("h4",{},`Top ${i.length} features here`),s.childElementCount>0?s:a("div",{class:"sw-muted"},"no feature fires"))}function ue(e,t,n,o){let r=a("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}}),s=i=>i instanceof Element?i.closest(".sw-tok"):null;return r.addEventListener("mouseover",i=>{let l=s(i.target),c=t();l===null||c===null||e.show(l,Ve(c,Number(l.dataset.i),n()))}),r.addEventListener("mouseleave",()=>e.hide()),r.addEventListener("scroll",()=>e.hide()),r.addEventListener("click",i=>{let l=s(i.target);l!==null&&o(Number(l.dataset.i))}),{el:r,build(i){r.replaceChildren(...i.tokens.map(De)),i.tokens.length===0&&r.append(a("span",{class:"sw-muted"},"(no tokens)"))},paint(i,l,c){r.querySelectorAll(".sw-tok").forEach((u,d)=>{let f=Ie(i,d,l),g=i.acts.data[d*i.features.length+f]??0,m=i.special.has(d);u.classList.toggle("sw-bos",m),u.style.background=m?"var(--jp-layout-color3, #e4e4e4)":le(N(f),g,i.vmax[f]??0),u.classList.toggle("sw-selected",d===c)})}}}function De(e,t){let n=a("span",{class:"sw-tok",attrs:{"data-i":String(t)}});for(let o of K(e))o.kind==="break"?n.append(a("br")):o.kind==="mark"?n.append(a("span",{class:"sw-ws"},o.text)):n.append(o.text);return n}function He({model:e,el:t,experimental:n}){let o=C(e,n),r=a("div",{class:"sw-root sw-tokenview"});H(r,V+re);let s=O();r.append(s.el),t.replaceChildren(r);let i=J(r),l=null,c=()=>e.get("focus"),u=()=>e.get("selected_token"),d=e.get("live")===!0&&e.get("_standalone")!==!0?ae(e,o,s.show):null;d!==null&&r.append(d.el);let f=ce(h=>{e.set("focus",h),e.save_changes()}),g=ue(i,()=>l,c,h=>{e.set("selected_token",u()===h?-1:h),e.save_changes()});r.append(f.el,g.el);let m=e.get("attributable")===!0?oe({invoke:o,text:()=>String(e.get("text")??""),name:h=>l===null?`#${h}`:S(l,h),open:h=>{e.set("open_feature",-1),e.set("open_feature",h),e.save_changes()}}):null;m!==null&&r.append(m.el);let x=()=>m?.show(l!==null&&u()>=0&&u()<l.tokens.length?u():null),T=()=>{l!==null&&(f.update(l,c()),g.paint(l,c(),u()))},M=()=>{try{l=se(e),s.show(String(e.get("error")??""))}catch(h){l=null,s.show(`TokenView cannot draw its data: ${String(h)}`);return}g.build(l),T(),x()},k=()=>s.show(String(e.get("error")??""));e.on("change:selected_token",x);let I=R(e,["tokens","acts","features","top_ids","top_vals","labels","special"].map(h=>`change:${h}`),M),W=R(e,["change:focus","change:selected_token"],T);return e.on("change:error",k),M(),()=>{d?.destroy(),I(),W(),e.off("change:selected_token",x),e.off("change:error",k)}}var de={render:He};var Oe=[["text","fires on this text"],["token","peaks on this token"],["words","label / note / explanation"]];function Be(e,t,n){let o=t?`#${e.feature} ${t}`:`#${e.feature}`,r=a("button",{class:"sw-chip sw-ex-hit",attrs:{type:"button","data-feature":String(e.feature)}},a("b",{},o)," ",a("span",{class:"sw-muted"},e.detail));return r.addEventListener("click",()=>n(e.feature)),r}function fe(e,t,n,o){let r=a("select",{attrs:{"aria-label":"Search by"}});for(let[u,d]of Oe)r.append(a("option",{attrs:{value:u}},d));let s=a("input",{attrs:{type:"search","aria-label":"Search features"}});s.placeholder="search features\u2026";let i=a("div",{class:"sw-ex-chips",attrs:{"data-testid":"search-results"}}),l=a("form",{class:"sw-ex-search"},r,s,a("button",{attrs:{type:"submit"}},"Search")),c=0;return l.addEventListener("submit",u=>{u.preventDefault();let d=++c;i.replaceChildren(a("span",{class:"sw-muted"},"searching\u2026")),v(e,"search",{mode:r.value,query:s.value}).then(({rows:f})=>{if(d!==c)return;o("");let g=f.map(m=>Be(m,t()[String(m.feature)],n));i.replaceChildren(...g.length?g:[a("span",{class:"sw-muted"},"no features found")])}).catch(f=>{d===c&&(i.replaceChildren(),o(f instanceof Error?f.message:String(f)))})}),a("div",{},a("div",{class:"sw-ex-h"},"Search"),l,i)}var G=60,Ue=8,je=`
.sw-ex-row { display: flex; gap: 12px; align-items: flex-start; margin-top: 8px; }
.sw-ex-side { flex: 0 0 340px; min-width: 0; }
.sw-ex-card { flex: 1; min-width: 0; }
.sw-ex-chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.sw-ex-side textarea { width: 100%; min-height: 4em; font: 12px var(--jp-code-font-family, monospace); }
.sw-ex-h { font-weight: 600; margin: 6px 0 2px; }
.sw-ex-search { display: flex; gap: 4px; margin-bottom: 4px; }
.sw-ex-search input { flex: 1; min-width: 0; }
.sw-ex-hit { text-align: left; }
`;async function We({model:e,el:t,experimental:n,host:o}){let r=a("div",{class:"sw-root sw-explorer"});H(r,V+je);let s=O(),i=a("div",{}),l=a("div",{class:"sw-ex-chips",attrs:{"data-testid":"chips"}}),c=a("div",{attrs:{"data-testid":"ex-tokens"}}),u=a("div",{class:"sw-ex-side"},a("div",{class:"sw-ex-h"},"Selected features"),l),d=a("div",{class:"sw-ex-card"}),f=a("div",{});r.append(s.el,i,a("div",{class:"sw-ex-row"},u,d),f),t.replaceChildren(r),s.show(String(e.get("error")??""));let g=e.get("_standalone")===!0,m,x;try{let[p,w,A]=await Promise.all([B(o,e,"map"),B(o,e,"card"),B(o,e,"grid_view")]);if(p===null||w===null)throw new Error("the Explorer has no map or card widget");await Promise.all([p.mount(i),w.mount(d),A?.mount(f)]),m=p.model,x=w.model}catch(p){return s.show(p instanceof Error?p.message:String(p)),()=>{}}let T=()=>m.get("labels")??{},M=()=>m.get("selected")??[],k=p=>{x.set("feature",p),x.save_changes()},L=()=>{let p=M();l.replaceChildren(...p.slice(0,G).map(w=>{let A=T()[String(w)],E=a("button",{class:"sw-chip",attrs:{type:"button"}},A?`#${w} ${A}`:`#${w}`);return E.setAttribute("aria-pressed",String(x.get("feature")===w)),E.addEventListener("click",()=>k(w)),E})),p.length>G&&l.append(a("span",{class:"sw-muted"},`and ${p.length-G} more`)),p.length===0&&l.append(a("span",{class:"sw-muted"},"drag in the map to select"))};if(g||u.prepend(fe(C(e,n),T,k,s.show)),e.get("has_lens")===!0&&!g){let p=C(e,n),w=a("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}});w.placeholder="Type text: the selected features (or the card's) colour its tokens";let A,E=0,me=async()=>{let X=++E,Y=M(),ge=(Y.length>0?Y:[Number(x.get("feature"))]).slice(0,Ue);try{let $=await v(p,"run",{text:w.value,features:ge});if(X!==E)return;s.show("");let z=ne({...$,labels:T(),focus:null,selected_token:-1,text:w.value,live:!1,attributable:!0,open_feature:-1,error:"",_standalone:!0});z.on("change:open_feature",()=>{let F=z.get("open_feature");typeof F=="number"&&F>=0&&k(F)}),de.render({model:z,el:c,experimental:n})}catch($){X===E&&s.show($ instanceof Error?$.message:String($))}};w.addEventListener("input",()=>{clearTimeout(A),A=setTimeout(me,500)}),u.append(a("div",{class:"sw-ex-h"},"Text"),w,c)}else{let p=g?"Running text needs a Python kernel.":"Pass lens= to run text.";u.append(a("div",{class:"sw-muted"},p))}let I=()=>{let p=m.get("clicked");typeof p=="number"&&g&&k(p)},W=()=>{let p=M();g&&p.length>0&&k(p[0]),L()},h=()=>s.show(String(e.get("error")??""));m.on("change:clicked",I);let pe=R(m,["change:selected","change:labels"],W);return x.on("change:feature",L),e.on("change:error",h),L(),()=>{m.off("change:clicked",I),pe(),x.off("change:feature",L),e.off("change:error",h)}}var rn={render:We};export{rn as default};
