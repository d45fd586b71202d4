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
`;function r(e,t={},...n){let s=document.createElement(e);t.class!==void 0&&(s.className=t.class),t.title!==void 0&&(s.title=t.title);for(let[o,a]of Object.entries(t.attrs??{}))s.setAttribute(o,a);for(let o of n)o==null||o===!1||s.append(typeof o=="string"?document.createTextNode(o):o);return s}function B(e,t){e.append(r("style",{},t))}function D(){let e=r("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}var H=12;function Q(e){let t=e.ownerDocument,n=r("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0;let s=null,o=()=>{n.isConnected||(t.body.append(n),s=new MutationObserver(()=>{e.isConnected||(n.remove(),s?.disconnect(),s=null)}),s.observe(t.body,{childList:!0,subtree:!0}))},a=t.documentElement;return{el:n,show(i,d){o(),n.replaceChildren(d),n.hidden=!1;let l=i.getBoundingClientRect(),p=Math.min(l.left,a.clientWidth-n.offsetWidth-4),u=l.bottom+4,b=u+n.offsetHeight<=a.clientHeight;n.style.left=`${Math.max(0,p)}px`,n.style.top=`${b?u:Math.max(0,l.top-n.offsetHeight-4)}px`},showAt(i,d,...l){o(),n.replaceChildren(...l),n.hidden=!1;let p=i+H;p+n.offsetWidth>a.clientWidth-4&&(p=i-H-n.offsetWidth);let u=d+H;u+n.offsetHeight>a.clientHeight-4&&(u=d-H-n.offsetHeight),n.style.left=`${Math.max(0,p)}px`,n.style.top=`${Math.max(0,u)}px`},hide(){n.hidden=!0}}}function N(e,t,n){let s=t.find(o=>/\s/.test(o));if(s!==void 0)throw new Error(`one event per name, got "${s}"`);for(let o of t)e.on(o,n);return()=>{for(let o of t)e.off(o,n)}}async function O(e,t,n){let s=t.get(n);if(s==null)return null;if(e===void 0)throw new Error("this widget is composed of child widgets and needs anywidget 0.11 or later in the front end");let[o,a]=await Promise.all([e.getModel(String(s)),e.getWidget(String(s))]);return{model:o,mount:i=>a.render({el:i})}}var ee="this view needs a running kernel; use .to_html() for a kernel-free copy",fe="saewidgets-request",ge="saewidgets-response";function me(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var Z=0;function he(){return Z+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Z}`}function be(e){return(t,n,s={})=>new Promise((o,a)=>{let i=e.send;if(typeof i!="function"){a(new Error(ee));return}let d=he(),l=s.signal,p=(...g)=>{let w=g[0];w===null||typeof w!="object"||w.kind!==ge||w.id!==d||(b(),o([w.response,we(g[1])]))},u=()=>{b(),a(l?.reason??new Error("request aborted"))},b=()=>{e.off("msg:custom",p),l?.removeEventListener("abort",u)};if(l?.aborted){a(l.reason);return}l?.addEventListener("abort",u),e.on("msg:custom",p);try{i.call(e,{kind:fe,id:d,name:t,msg:n},void 0,s.buffers??[])}catch(g){b(),a(g)}})}function we(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function xe(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function I(e,t){let n=t?.invoke;if(e.get("_standalone")===!0&&n!==void 0)return n;let s=be(e),o=typeof n!="function",a=null,i=async(l,p,u)=>{if(!o&&n!==void 0)try{return await n(l,p,u)}catch(b){if(xe(b))throw b;o=!0}return s(l,p,u)},d=()=>{let l=me(e);return l!=="unknown"?Promise.resolve(l==="yes"):(a??(a=i("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),a)};return async(l,p,u)=>{if(!await d())throw new Error(ee);return i(l,p,u)}}var ye={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function k(e){let t=ye[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((i,d)=>i*d,1),s=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(s.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${s.byteLength}`);let o=s.byteOffset%t.BYTES_PER_ELEMENT===0?s:new Uint8Array(s.slice()),a=o.buffer;return{data:new t(a,o.byteOffset,n),shape:e.shape}}function P(e,t){let n=e.shape[1]??1;return e.data.subarray(t*n,(t+1)*n)}function te(e,t,n){t.forEach((s,o)=>{if(s.length===0)throw new Error("empty buffer path");let a=e;for(let i of s.slice(0,-1))a=a[i];a[s[s.length-1]]=n[o]})}var ve=12e4;async function M(e,t,n,s=ve){let[o,a]=await e(t,n,{signal:AbortSignal.timeout(s)}),i=o??{};if(i.error!==void 0)throw new Error(String(i.error));let d={value:i.value};return te(d,(i.buffer_paths??[]).map(l=>["value",...l]),a),d.value}function re(e){let t={...e},n=new Map,s=(o,...a)=>{for(let i of[...n.get(o)??[]])i(...a)};return{get:o=>t[o],set(o,a){Object.is(t[o],a)||(t[o]=a,s(`change:${o}`,this,a),s("change",this))},save_changes(){},on(o,a){ne(o),n.has(o)||n.set(o,new Set),n.get(o)?.add(a)},off(o,a){ne(o),a===void 0?n.delete(o):n.get(o)?.delete(a)}}}function ne(e){if(/\s/.test(e))throw new Error(`one event per subscription, got "${e}"; use listen()`)}var oe=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function ke(e){let t=/^#([0-9a-f]{6})$/i.exec(e);if(t===null)throw new Error(`not a #rrggbb colour: ${e}`);let n=parseInt(t[1],16);return[n>>16&255,n>>8&255,n&255]}function U(e){return ke(oe[e%oe.length])}function W(e,t){return!(t>0)||!(e>0)?0:Math.min(1,e/t)}function Ae(e,t){return Math.round(.85*W(e,t)*1e3)/1e3}function se(e,t,n){let s=Ae(t,n);return s===0?"transparent":`rgba(${e[0]}, ${e[1]}, ${e[2]}, ${s})`}function T(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}function Ee(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function G(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(s,o)=>{let a=t[t.length-1];a!==void 0&&a.kind===s&&s!=="break"?a.text+=o:t.push({kind:s,text:o})};for(let s of e)s===`
`?(n("mark","\u21B5"),n("break",`
`)):s==="	"?n("mark","\u2192"):s==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(s)?n("mark",Ee(s)):n("text",s);return t}function L(e){return G(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}var ae=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function X(e){let t=T(e);return e>0?`+${t}`:t}function ie(e){let t=r("div",{class:"sw-tv-attr",attrs:{"data-testid":"attribution"}});t.hidden=!0;let n=0,s=(i,d,l)=>{let p=r("td",{class:"sw-num sw-attr-delta"});if(!Number.isNaN(l))return p.append(X(l)),p;let u=r("button",{class:"sw-chip sw-attr-ablate",attrs:{type:"button"}},"ablate");return u.title="Run the exact ablation of this feature at its position (lens.ablate)",u.addEventListener("click",async()=>{u.disabled=!0,u.textContent="\u2026";let b={text:e.text(),position:i.position,pos:k(i.pos).data[d],feature:k(i.feature).data[d]};try{let g=await M(e.invoke,"ablate",b);p.replaceChildren(X(g.delta)),p.title=`log p: ${T(g.lp_clean)} \u2192 ${T(g.lp_after)}`}catch(g){u.disabled=!1,u.textContent="ablate",p.title=String(g instanceof Error?g.message:g),p.append(r("span",{class:"sw-error-text"}," failed"))}}),p.append(u),p},o=i=>{let d=k(i.pos).data,l=k(i.feature).data,p=k(i.activation).data,u=k(i.attribution).data,b=k(i.ablated).data,g=r("div",{class:"sw-tv-attr-head"},"Next token after ",r("b",{},L(i.token)),` (pos ${i.position}): target `,r("b",{attrs:{"data-testid":"attr-target"}},L(i.target_token)),r("span",{class:"sw-muted"},` \xB7 top ${l.length} of ${i.n_active} active (pos, feature) by |attribution|; ablation \u0394 is exact (\u2248 \u2212attribution to first order)`)),w=r("table",{class:"sw-tv-attr-table"});w.append(r("tr",{},r("th",{},"feature"),r("th",{},"at token"),r("th",{},"activation"),r("th",{},"attribution"),r("th",{},"ablation \u0394 log p")));for(let x=0;x<l.length;x++){let A=l[x],S=r("button",{class:"sw-link sw-attr-feature",attrs:{type:"button"}},e.name(A));S.title=`Open the card of feature #${A}`,S.addEventListener("click",()=>e.open(A)),w.append(r("tr",{attrs:{"data-testid":"attr-row","data-feature":String(A),"data-pos":String(d[x])}},r("td",{},S),r("td",{class:"sw-attr-tok"},r("span",{},L(i.tokens[x])),r("span",{class:"sw-muted"},` @${d[x]}`)),r("td",{class:"sw-num sw-attr-act"},T(p[x])),r("td",{class:"sw-num sw-attr-attr"},X(u[x])),s(i,x,b[x])))}l.length===0&&w.append(r("tr",{},r("td",{class:"sw-muted"},"no feature is active"))),t.replaceChildren(g,w)},a=async i=>{let d=++n;if(i===null||i<0){t.hidden=!0,t.replaceChildren();return}t.hidden=!1,t.replaceChildren(r("div",{class:"sw-muted"},`attributing the next token after pos ${i}\u2026`));try{let l=await M(e.invoke,"attribute",{text:e.text(),position:i});d===n&&o(l)}catch(l){if(d!==n)return;t.replaceChildren(r("div",{class:"sw-error-text",attrs:{role:"alert"}},String(l instanceof Error?l.message:l)))}};return{el:t,show:i=>void a(i)}}function Me(e){let t=k(e.get("acts")),n=e.get("features"),s=new Set(e.get("special")??[]);e.get("bos")===!0&&s.add(0);let o=n.map((a,i)=>{let d=0;for(let l=0;l<t.shape[0];l++)s.has(l)||(d=Math.max(d,t.data[l*n.length+i]));return d});return{tokens:e.get("tokens"),acts:t,features:n,topIds:k(e.get("top_ids")),topVals:k(e.get("top_vals")),labels:e.get("labels")??{},vmax:o,special:s}}function F(e,t){let n=e.labels[String(t)];return n?`#${t} ${n}`:`#${t}`}function le(e){let t=r("span",{class:"sw-swatch"});return t.style.background=`rgb(${e[0]}, ${e[1]}, ${e[2]})`,t}function Te(e,t,n){let s=n===null?-1:e.features.indexOf(n);if(s>=0)return s;let o=P(e.acts,t),a=0;for(let i=1;i<o.length;i++)W(o[i],e.vmax[i])>W(o[a],e.vmax[a])&&(a=i);return a}function _e(e,t,n){let s=P(e.acts,t),o=r("table",{});e.features.forEach((l,p)=>{let u=r("tr",{},r("td",{},le(U(p))),r("td",{},F(e,l)),r("td",{class:"sw-num"},T(s[p])));l===n&&(u.style.fontWeight="600"),o.append(u)});let a=r("table",{class:"sw-tv-top"}),i=P(e.topIds,t),d=P(e.topVals,t);for(let l=0;l<i.length;l++)d[l]>0&&a.append(r("tr",{},r("td",{},F(e,i[l])),r("td",{class:"sw-num"},T(d[l]))));return r("div",{},r("div",{class:"sw-tip-head"},r("b",{},L(e.tokens[t])),r("span",{class:"sw-muted"},`  pos ${t}`)),e.special.has(t)?r("div",{class:"sw-muted"},"special token: drawn grey, left out of the colour scale"):null,o,r("h4",{},`Top ${i.length} features here`),a.childElementCount>0?a:r("div",{class:"sw-muted"},"no feature fires"))}function $e({model:e,el:t,experimental:n}){let s=I(e,n),o=r("div",{class:"sw-root sw-tokenview"});B(o,j+ae);let a=D(),i=r("div",{class:"sw-tv-legend"}),d=r("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});o.append(a.el),t.replaceChildren(o);let l=Q(o),p=e.get("_standalone")===!0,u=null;if(e.get("live")===!0&&!p){let c=r("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),f=r("span",{class:"sw-muted"});c.value=String(e.get("text")??"");let h,m=0,v=async()=>{let E=++m;f.textContent="running\u2026";try{await M(s,"run",{text:c.value}),E===m&&a.show("")}catch(y){E===m&&a.show(String(y instanceof Error?y.message:y))}finally{E===m&&(f.textContent="")}};c.addEventListener("input",()=>{clearTimeout(h),h=setTimeout(v,600)}),e.on("change:text",()=>{document.activeElement!==c&&(c.value=String(e.get("text")??""))}),o.append(r("div",{class:"sw-tv-editor"},c,f))}o.append(i,d);let b=e.get("attributable")===!0?ie({invoke:s,text:()=>String(e.get("text")??""),name:c=>u===null?`#${c}`:F(u,c),open:c=>{e.set("open_feature",-1),e.set("open_feature",c),e.save_changes()}}):null;b!==null&&o.append(b.el);let g=()=>{let c=e.get("selected_token");b?.show(u!==null&&c>=0&&c<u.tokens.length?c:null)},w=()=>{if(u===null)return;let c=e.get("focus"),f=e.get("selected_token");d.querySelectorAll(".sw-tok").forEach((h,m)=>{let v=Te(u,m,c),E=u.acts.data[m*u.features.length+v]??0,y=u.special.has(m);h.classList.toggle("sw-bos",y),h.style.background=y?"var(--jp-layout-color3, #e4e4e4)":se(U(v),E,u.vmax[v]??0),h.classList.toggle("sw-selected",m===f)})},x=()=>{if(u===null)return;let c=e.get("focus"),f=(m,v,E)=>{let y=r("button",{class:"sw-chip",attrs:{type:"button"}});return E!==null&&y.append(le(E)),y.append(m),y.setAttribute("aria-pressed",String(c===v)),y.addEventListener("click",()=>{e.set("focus",v),e.save_changes()}),y},h=u;i.replaceChildren(f("all",null,null),...h.features.map((m,v)=>f(`${F(h,m)} \xB7 max ${T(h.vmax[v])}`,m,U(v))))},A=()=>{try{u=Me(e),a.show(String(e.get("error")??""))}catch(c){u=null,a.show(`TokenView cannot draw its data: ${String(c)}`);return}d.replaceChildren(...u.tokens.map((c,f)=>{let h=r("span",{class:"sw-tok",attrs:{"data-i":String(f)}});for(let m of G(c))m.kind==="break"?h.append(r("br")):m.kind==="mark"?h.append(r("span",{class:"sw-ws"},m.text)):h.append(m.text);return h})),u.tokens.length===0&&d.append(r("span",{class:"sw-muted"},"(no tokens)")),x(),w(),g()},S=c=>c instanceof Element?c.closest(".sw-tok"):null;d.addEventListener("mouseover",c=>{let f=S(c.target);f===null||u===null||l.show(f,_e(u,Number(f.dataset.i),e.get("focus")))}),d.addEventListener("mouseleave",()=>l.hide()),d.addEventListener("scroll",()=>l.hide()),d.addEventListener("click",c=>{let f=S(c.target);if(f===null)return;let h=Number(f.dataset.i);e.set("selected_token",e.get("selected_token")===h?-1:h),e.save_changes()});let _=()=>A(),$=()=>{x(),w()},C=()=>a.show(String(e.get("error")??""));e.on("change:selected_token",g);let V=N(e,["tokens","acts","features","top_ids","top_vals","labels","special"].map(c=>`change:${c}`),_),K=N(e,["change:focus","change:selected_token"],$);return e.on("change:error",C),A(),()=>{V(),K(),e.off("change:selected_token",g),e.off("change:error",C)}}var ce={render:$e};var Le=[["text","fires on this text"],["token","peaks on this token"],["words","label / note / explanation"]];function Ce(e,t,n){let s=t?`#${e.feature} ${t}`:`#${e.feature}`,o=r("button",{class:"sw-chip sw-ex-hit",attrs:{type:"button","data-feature":String(e.feature)}},r("b",{},s)," ",r("span",{class:"sw-muted"},e.detail));return o.addEventListener("click",()=>n(e.feature)),o}function ue(e,t,n,s){let o=r("select",{attrs:{"aria-label":"Search by"}});for(let[p,u]of Le)o.append(r("option",{attrs:{value:p}},u));let a=r("input",{attrs:{type:"search","aria-label":"Search features"}});a.placeholder="search features\u2026";let i=r("div",{class:"sw-ex-chips",attrs:{"data-testid":"search-results"}}),d=r("form",{class:"sw-ex-search"},o,a,r("button",{attrs:{type:"submit"}},"Search")),l=0;return d.addEventListener("submit",p=>{p.preventDefault();let u=++l;i.replaceChildren(r("span",{class:"sw-muted"},"searching\u2026")),M(e,"search",{mode:o.value,query:a.value}).then(({rows:b})=>{if(u!==l)return;s("");let g=b.map(w=>Ce(w,t()[String(w.feature)],n));i.replaceChildren(...g.length?g:[r("span",{class:"sw-muted"},"no features found")])}).catch(b=>{u===l&&(i.replaceChildren(),s(b instanceof Error?b.message:String(b)))})}),r("div",{},r("div",{class:"sw-ex-h"},"Search"),d,i)}var Y=60,Re=8,Ne=`
.sw-ex-row { display: flex; gap: 12px; align-items: flex-start; margin-top: 8px; }
.sw-ex-side { flex: 0 0 340px; min-width: 0; }
.sw-ex-card { flex: 1; min-width: 0; }
.sw-ex-chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.sw-ex-side textarea { width: 100%; min-height: 4em; font: 12px var(--jp-code-font-family, monospace); }
.sw-ex-h { font-weight: 600; margin: 6px 0 2px; }
.sw-ex-search { display: flex; gap: 4px; margin-bottom: 4px; }
.sw-ex-search input { flex: 1; min-width: 0; }
.sw-ex-hit { text-align: left; }
`;async function Ie({model:e,el:t,experimental:n,host:s}){let o=r("div",{class:"sw-root sw-explorer"});B(o,j+Ne);let a=D(),i=r("div",{}),d=r("div",{class:"sw-ex-chips",attrs:{"data-testid":"chips"}}),l=r("div",{attrs:{"data-testid":"ex-tokens"}}),p=r("div",{class:"sw-ex-side"},r("div",{class:"sw-ex-h"},"Selected features"),d),u=r("div",{class:"sw-ex-card"}),b=r("div",{});o.append(a.el,i,r("div",{class:"sw-ex-row"},p,u),b),t.replaceChildren(o),a.show(String(e.get("error")??""));let g=e.get("_standalone")===!0,w,x;try{let[c,f,h]=await Promise.all([O(s,e,"map"),O(s,e,"card"),O(s,e,"grid_view")]);if(c===null||f===null)throw new Error("the Explorer has no map or card widget");await Promise.all([c.mount(i),f.mount(u),h?.mount(b)]),w=c.model,x=f.model}catch(c){return a.show(c instanceof Error?c.message:String(c)),()=>{}}let A=()=>w.get("labels")??{},S=()=>w.get("selected")??[],_=c=>{x.set("feature",c),x.save_changes()},$=()=>{let c=S();d.replaceChildren(...c.slice(0,Y).map(f=>{let h=A()[String(f)],m=r("button",{class:"sw-chip",attrs:{type:"button"}},h?`#${f} ${h}`:`#${f}`);return m.setAttribute("aria-pressed",String(x.get("feature")===f)),m.addEventListener("click",()=>_(f)),m})),c.length>Y&&d.append(r("span",{class:"sw-muted"},`and ${c.length-Y} more`)),c.length===0&&d.append(r("span",{class:"sw-muted"},"drag in the map to select"))};if(g||p.prepend(ue(I(e,n),A,_,a.show)),e.get("has_lens")===!0&&!g){let c=I(e,n),f=r("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}});f.placeholder="Type text: the selected features (or the card's) colour its tokens";let h,m=0,v=async()=>{let E=++m,y=S(),de=(y.length>0?y:[Number(x.get("feature"))]).slice(0,Re);try{let R=await M(c,"run",{text:f.value,features:de});if(E!==m)return;a.show("");let q=re({...R,labels:A(),focus:null,selected_token:-1,text:f.value,live:!1,attributable:!0,open_feature:-1,error:"",_standalone:!0});q.on("change:open_feature",()=>{let z=q.get("open_feature");typeof z=="number"&&z>=0&&_(z)}),ce.render({model:q,el:l,experimental:n})}catch(R){E===m&&a.show(R instanceof Error?R.message:String(R))}};f.addEventListener("input",()=>{clearTimeout(h),h=setTimeout(v,500)}),p.append(r("div",{class:"sw-ex-h"},"Text"),f,l)}else{let c=g?"Running text needs a Python kernel.":"Pass lens= to run text.";p.append(r("div",{class:"sw-muted"},c))}let C=()=>{let c=w.get("clicked");typeof c=="number"&&g&&_(c)},J=()=>{let c=S();g&&c.length>0&&_(c[0]),$()},V=()=>a.show(String(e.get("error")??""));w.on("change:clicked",C);let K=N(w,["change:selected","change:labels"],J);return x.on("change:feature",$),e.on("change:error",V),$(),()=>{w.off("change:clicked",C),K(),x.off("change:feature",$),e.off("change:error",V)}}var _t={render:Ie};export{_t as default};
