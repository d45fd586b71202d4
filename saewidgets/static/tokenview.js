var I=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;function l(t,e={},...n){let o=document.createElement(t);e.class!==void 0&&(o.className=e.class),e.title!==void 0&&(o.title=e.title);for(let[r,s]of Object.entries(e.attrs??{}))o.setAttribute(r,s);for(let r of n)r==null||r===!1||o.append(typeof r=="string"?document.createTextNode(r):r);return o}function V(t,e){t.append(l("style",{},e))}function R(){let t=l("div",{class:"sw-error",attrs:{role:"alert"}});return t.hidden=!0,{el:t,show(e){t.textContent=e,t.hidden=e===""}}}var A=12;function H(t){let e=t.ownerDocument,n=l("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0;let o=null,r=()=>{n.isConnected||(e.body.append(n),o=new MutationObserver(()=>{t.isConnected||(n.remove(),o?.disconnect(),o=null)}),o.observe(e.body,{childList:!0,subtree:!0}))},s=e.documentElement;return{el:n,show(a,i){r(),n.replaceChildren(i),n.hidden=!1;let u=a.getBoundingClientRect(),c=Math.min(u.left,s.clientWidth-n.offsetWidth-4),p=u.bottom+4,f=p+n.offsetHeight<=s.clientHeight;n.style.left=`${Math.max(0,c)}px`,n.style.top=`${f?p:Math.max(0,u.top-n.offsetHeight-4)}px`},showAt(a,i,...u){r(),n.replaceChildren(...u),n.hidden=!1;let c=a+A;c+n.offsetWidth>s.clientWidth-4&&(c=a-A-n.offsetWidth);let p=i+A;p+n.offsetHeight>s.clientHeight-4&&(p=i-A-n.offsetHeight),n.style.left=`${Math.max(0,c)}px`,n.style.top=`${Math.max(0,p)}px`},hide(){n.hidden=!0}}}function S(t,e,n){let o=e.find(r=>/\s/.test(r));if(o!==void 0)throw new Error(`one event per name, got "${o}"`);for(let r of e)t.on(r,n);return()=>{for(let r of e)t.off(r,n)}}var j="this view needs a running kernel; use .to_html() for a kernel-free copy",Q="saewidgets-request",Z="saewidgets-response";function tt(t){let e=t.widget_manager;return e==null?"yes":"kernel"in e?e.kernel===null||e.kernel===void 0?"no":"yes":"unknown"}var P=0;function et(){return P+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${P}`}function nt(t){return(e,n,o={})=>new Promise((r,s)=>{let a=t.send;if(typeof a!="function"){s(new Error(j));return}let i=et(),u=o.signal,c=(...g)=>{let b=g[0];b===null||typeof b!="object"||b.kind!==Z||b.id!==i||(f(),r([b.response,rt(g[1])]))},p=()=>{f(),s(u?.reason??new Error("request aborted"))},f=()=>{t.off("msg:custom",c),u?.removeEventListener("abort",p)};if(u?.aborted){s(u.reason);return}u?.addEventListener("abort",p),t.on("msg:custom",c);try{a.call(t,{kind:Q,id:i,name:e,msg:n},void 0,o.buffers??[])}catch(g){f(),s(g)}})}function rt(t){return Array.isArray(t)?t.map(e=>{if(e instanceof DataView)return e;if(e instanceof ArrayBuffer)return new DataView(e);if(ArrayBuffer.isView(e))return new DataView(e.buffer,e.byteOffset,e.byteLength);throw new Error("a response buffer is not binary")}):[]}function ot(t){return t instanceof Error&&(t.name==="TimeoutError"||t.name==="AbortError")}function B(t,e){let n=e?.invoke;if(t.get("_standalone")===!0&&n!==void 0)return n;let o=nt(t),r=typeof n!="function",s=null,a=async(u,c,p)=>{if(!r&&n!==void 0)try{return await n(u,c,p)}catch(f){if(ot(f))throw f;r=!0}return o(u,c,p)},i=()=>{let u=tt(t);return u!=="unknown"?Promise.resolve(u==="yes"):(s??(s=a("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),s)};return async(u,c,p)=>{if(!await i())throw new Error(j);return a(u,c,p)}}var O=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;var st={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function m(t){let e=st[t.dtype];if(e===void 0)throw new Error(`unsupported dtype ${String(t.dtype)}`);let n=t.shape.reduce((a,i)=>a*i,1),o=t.data instanceof ArrayBuffer?new Uint8Array(t.data):new Uint8Array(t.data.buffer,t.data.byteOffset,t.data.byteLength);if(o.byteLength!==n*e.BYTES_PER_ELEMENT)throw new Error(`array of shape [${t.shape.join(", ")}] ${t.dtype} needs ${n*e.BYTES_PER_ELEMENT} bytes, got ${o.byteLength}`);let r=o.byteOffset%e.BYTES_PER_ELEMENT===0?o:new Uint8Array(o.slice()),s=r.buffer;return{data:new e(s,r.byteOffset,n),shape:t.shape}}function x(t,e){let n=t.shape[1]??1;return t.data.subarray(e*n,(e+1)*n)}function D(t,e,n){e.forEach((o,r)=>{if(o.length===0)throw new Error("empty buffer path");let s=t;for(let a of o.slice(0,-1))s=s[a];s[o[o.length-1]]=n[r]})}function h(t){if(Number.isNaN(t))return"NaN";if(!Number.isFinite(t))return t>0?"\u221E":"\u2212\u221E";if(t===0)return"0";let e=Math.abs(t);if(e<.001||e>=1e6)return t.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(e)));return t.toFixed(n).replace("-","\u2212")}var it=12e4;async function v(t,e,n,o=it){let[r,s]=await t(e,n,{signal:AbortSignal.timeout(o)}),a=r??{};if(a.error!==void 0)throw new Error(String(a.error));let i={value:a.value};return D(i,(a.buffer_paths??[]).map(u=>["value",...u]),s),i.value}function lt(t){let e=t.charCodeAt(0);return e===127?"\u2421":String.fromCharCode(9216+e)}function L(t){if(t.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(t))return[{kind:"mark",text:"\xB7".repeat(t.length)}];let e=[],n=(o,r)=>{let s=e[e.length-1];s!==void 0&&s.kind===o&&o!=="break"?s.text+=r:e.push({kind:o,text:r})};for(let o of t)o===`
`?(n("mark","\u21B5"),n("break",`
`)):o==="	"?n("mark","\u2192"):o==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(o)?n("mark",lt(o)):n("text",o);return e}function y(t){return L(t).filter(e=>e.kind!=="break").map(e=>e.text).join("")}function _(t){let e=h(t);return t>0?`+${e}`:e}function ut(t,e,n,o){let r=l("td",{class:"sw-num sw-attr-delta"});if(!Number.isNaN(o))return r.append(_(o)),r;let s=l("button",{class:"sw-chip sw-attr-ablate",attrs:{type:"button"}},"ablate");return s.title="Run the exact ablation of this feature at its position (lens.ablate)",s.addEventListener("click",async()=>{s.disabled=!0,s.textContent="\u2026";let a={text:t.text(),position:e.position,pos:m(e.pos).data[n],feature:m(e.feature).data[n]};try{let i=await v(t.invoke,"ablate",a);r.replaceChildren(_(i.delta)),r.title=`log p: ${h(i.lp_clean)} \u2192 ${h(i.lp_after)}`}catch(i){s.disabled=!1,s.textContent="ablate",r.title=String(i instanceof Error?i.message:i),r.append(l("span",{class:"sw-error-text"}," failed"))}}),r.append(s),r}function ct(t,e){return l("div",{class:"sw-tv-attr-head"},"Next token after ",l("b",{},y(t.token)),` (pos ${t.position}): target `,l("b",{attrs:{"data-testid":"attr-target"}},y(t.target_token)),l("span",{class:"sw-muted"},` \xB7 top ${e} of ${t.n_active} active (pos, feature) by |attribution|; ablation \u0394 is exact (\u2248 \u2212attribution to first order)`))}function pt(t,e){let n=m(e.pos).data,o=m(e.feature).data,r=m(e.activation).data,s=m(e.attribution).data,a=m(e.ablated).data,i=l("table",{class:"sw-tv-attr-table"}),u=["feature","at token","activation","attribution","ablation \u0394 log p"];i.append(l("tr",{},...u.map(c=>l("th",{},c))));for(let c=0;c<o.length;c++){let p=o[c],f=l("button",{class:"sw-link sw-attr-feature",attrs:{type:"button"}},t.name(p));f.title=`Open the card of feature #${p}`,f.addEventListener("click",()=>t.open(p)),i.append(l("tr",{attrs:{"data-testid":"attr-row","data-feature":String(p),"data-pos":String(n[c])}},l("td",{},f),l("td",{class:"sw-attr-tok"},l("span",{},y(e.tokens[c])),l("span",{class:"sw-muted"},` @${n[c]}`)),l("td",{class:"sw-num sw-attr-act"},h(r[c])),l("td",{class:"sw-num sw-attr-attr"},_(s[c])),ut(t,e,c,a[c])))}return o.length===0&&i.append(l("tr",{},l("td",{class:"sw-muted"},"no feature is active"))),i}function U(t){let e=l("div",{class:"sw-tv-attr",attrs:{"data-testid":"attribution"}});e.hidden=!0;let n=0,o=async r=>{let s=++n;if(r===null||r<0){e.hidden=!0,e.replaceChildren();return}e.hidden=!1,e.replaceChildren(l("div",{class:"sw-muted"},`attributing the next token after pos ${r}\u2026`));try{let a=await v(t.invoke,"attribute",{text:t.text(),position:r});if(s!==n)return;e.replaceChildren(ct(a,m(a.feature).data.length),pt(t,a))}catch(a){if(s!==n)return;e.replaceChildren(l("div",{class:"sw-error-text",attrs:{role:"alert"}},String(a instanceof Error?a.message:a)))}};return{el:e,show:r=>void o(r)}}function W(t){let e=m(t.get("acts")),n=t.get("features"),o=new Set(t.get("special")??[]);t.get("bos")===!0&&o.add(0);let r=n.map((s,a)=>{let i=0;for(let u=0;u<e.shape[0];u++)o.has(u)||(i=Math.max(i,e.data[u*n.length+a]));return i});return{tokens:t.get("tokens"),acts:e,features:n,topIds:m(t.get("top_ids")),topVals:m(t.get("top_vals")),labels:t.get("labels")??{},vmax:r,special:o}}function w(t,e){let n=t.labels[String(e)];return n?`#${e} ${n}`:`#${e}`}function E(t){let e=l("span",{class:"sw-swatch"});return e.style.background=`rgb(${t[0]}, ${t[1]}, ${t[2]})`,e}var ft=600;function F(t,e,n){let o=l("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),r=l("span",{class:"sw-muted"});o.value=String(t.get("text")??"");let s,a=0,i=async()=>{let c=++a;r.textContent="running\u2026";try{await v(e,"run",{text:o.value}),c===a&&n("")}catch(p){c===a&&n(String(p instanceof Error?p.message:p))}finally{c===a&&(r.textContent="")}};o.addEventListener("input",()=>{clearTimeout(s),s=setTimeout(i,ft)});let u=()=>{document.activeElement!==o&&(o.value=String(t.get("text")??""))};return t.on("change:text",u),{el:l("div",{class:"sw-tv-editor"},o,r),destroy:()=>t.off("change:text",u)}}var z=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function dt(t){let e=/^#([0-9a-f]{6})$/i.exec(t);if(e===null)throw new Error(`not a #rrggbb colour: ${t}`);let n=parseInt(e[1],16);return[n>>16&255,n>>8&255,n&255]}function k(t){return dt(z[t%z.length])}function T(t,e){return!(e>0)||!(t>0)?0:Math.min(1,t/e)}function mt(t,e){return Math.round(.85*T(t,e)*1e3)/1e3}function K(t,e,n){let o=mt(e,n);return o===0?"transparent":`rgba(${t[0]}, ${t[1]}, ${t[2]}, ${o})`}function G(t){let e=l("div",{class:"sw-tv-legend"});return{el:e,update(n,o){let r=(s,a,i)=>{let u=l("button",{class:"sw-chip",attrs:{type:"button"}});return i!==null&&u.append(E(i)),u.append(s),u.setAttribute("aria-pressed",String(o===a)),u.addEventListener("click",()=>t(a)),u};e.replaceChildren(r("all",null,null),...n.features.map((s,a)=>r(`${w(n,s)} \xB7 max ${h(n.vmax[a])}`,s,k(a))))}}}function bt(t,e,n){let o=n===null?-1:t.features.indexOf(n);if(o>=0)return o;let r=x(t.acts,e),s=0;for(let a=1;a<r.length;a++)T(r[a],t.vmax[a])>T(r[s],t.vmax[s])&&(s=a);return s}function gt(t,e,n){let o=x(t.acts,e),r=l("table",{});t.features.forEach((u,c)=>{let p=l("tr",{},l("td",{},E(k(c))),l("td",{},w(t,u)),l("td",{class:"sw-num"},h(o[c])));u===n&&(p.style.fontWeight="600"),r.append(p)});let s=l("table",{class:"sw-tv-top"}),a=x(t.topIds,e),i=x(t.topVals,e);for(let u=0;u<a.length;u++)i[u]>0&&s.append(l("tr",{},l("td",{},w(t,a[u])),l("td",{class:"sw-num"},h(i[u]))));return l("div",{},l("div",{class:"sw-tip-head"},l("b",{},y(t.tokens[e])),l("span",{class:"sw-muted"},`  pos ${e}`)),t.special.has(e)?l("div",{class:"sw-muted"},"special token: drawn grey, left out of the colour scale"):null,r,l("h4",{},`Top ${a.length} features here`),s.childElementCount>0?s:l("div",{class:"sw-muted"},"no feature fires"))}function q(t,e,n,o){let r=l("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}}),s=a=>a instanceof Element?a.closest(".sw-tok"):null;return r.addEventListener("mouseover",a=>{let i=s(a.target),u=e();i===null||u===null||t.show(i,gt(u,Number(i.dataset.i),n()))}),r.addEventListener("mouseleave",()=>t.hide()),r.addEventListener("scroll",()=>t.hide()),r.addEventListener("click",a=>{let i=s(a.target);i!==null&&o(Number(i.dataset.i))}),{el:r,build(a){r.replaceChildren(...a.tokens.map(ht)),a.tokens.length===0&&r.append(l("span",{class:"sw-muted"},"(no tokens)"))},paint(a,i,u){r.querySelectorAll(".sw-tok").forEach((c,p)=>{let f=bt(a,p,i),g=a.acts.data[p*a.features.length+f]??0,b=a.special.has(p);c.classList.toggle("sw-bos",b),c.style.background=b?"var(--jp-layout-color3, #e4e4e4)":K(k(f),g,a.vmax[f]??0),c.classList.toggle("sw-selected",p===u)})}}}function ht(t,e){let n=l("span",{class:"sw-tok",attrs:{"data-i":String(e)}});for(let o of L(t))o.kind==="break"?n.append(l("br")):o.kind==="mark"?n.append(l("span",{class:"sw-ws"},o.text)):n.append(o.text);return n}function wt({model:t,el:e,experimental:n}){let o=B(t,n),r=l("div",{class:"sw-root sw-tokenview"});V(r,I+O);let s=R();r.append(s.el),e.replaceChildren(r);let a=H(r),i=null,u=()=>t.get("focus"),c=()=>t.get("selected_token"),p=t.get("live")===!0&&t.get("_standalone")!==!0?F(t,o,s.show):null;p!==null&&r.append(p.el);let f=G(d=>{t.set("focus",d),t.save_changes()}),g=q(a,()=>i,u,d=>{t.set("selected_token",c()===d?-1:d),t.save_changes()});r.append(f.el,g.el);let b=t.get("attributable")===!0?U({invoke:o,text:()=>String(t.get("text")??""),name:d=>i===null?`#${d}`:w(i,d),open:d=>{t.set("open_feature",-1),t.set("open_feature",d),t.save_changes()}}):null;b!==null&&r.append(b.el);let M=()=>b?.show(i!==null&&c()>=0&&c()<i.tokens.length?c():null),$=()=>{i!==null&&(f.update(i,u()),g.paint(i,u(),c()))},N=()=>{try{i=W(t),s.show(String(t.get("error")??""))}catch(d){i=null,s.show(`TokenView cannot draw its data: ${String(d)}`);return}g.build(i),$(),M()},C=()=>s.show(String(t.get("error")??""));t.on("change:selected_token",M);let Y=S(t,["tokens","acts","features","top_ids","top_vals","labels","special"].map(d=>`change:${d}`),N),X=S(t,["change:focus","change:selected_token"],$);return t.on("change:error",C),N(),()=>{p?.destroy(),Y(),X(),t.off("change:selected_token",M),t.off("change:error",C)}}var pe={render:wt};export{pe as default};
