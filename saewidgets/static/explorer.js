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
  font-size: 12px;
}
.sw-tip table { border-collapse: collapse; }
.sw-tip td { padding: 0 4px 0 0; white-space: nowrap; }
.sw-tip td.sw-num { padding-left: 16px; text-align: right; font-variant-numeric: tabular-nums; }
.sw-tip-head { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; margin-bottom: 2px; }
.sw-tip h4 { margin: 4px 0 2px; font-size: 11px; font-weight: 600; }
`;function r(t,e={},...n){let o=document.createElement(t);e.class!==void 0&&(o.className=e.class),e.title!==void 0&&(o.title=e.title);for(let[s,a]of Object.entries(e.attrs??{}))o.setAttribute(s,a);for(let s of n)s==null||s===!1||o.append(typeof s=="string"?document.createTextNode(s):s);return o}function B(t,e){t.append(r("style",{},e))}function H(){let t=r("div",{class:"sw-error",attrs:{role:"alert"}});return t.hidden=!0,{el:t,show(e){t.textContent=e,t.hidden=e===""}}}var j=12;function Q(t){let e=t.ownerDocument,n=r("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0;let o=null,s=()=>{n.isConnected||(e.body.append(n),o=new MutationObserver(()=>{t.isConnected||(n.remove(),o?.disconnect(),o=null)}),o.observe(e.body,{childList:!0,subtree:!0}))},a=e.documentElement;return{el:n,show(i,d){s(),n.replaceChildren(d),n.hidden=!1;let l=i.getBoundingClientRect(),p=Math.min(l.left,a.clientWidth-n.offsetWidth-4),u=l.bottom+4,x=u+n.offsetHeight<=a.clientHeight;n.style.left=`${Math.max(0,p)}px`,n.style.top=`${x?u:Math.max(0,l.top-n.offsetHeight-4)}px`},showAt(i,d,...l){s(),n.replaceChildren(...l),n.hidden=!1;let p=i+j;p+n.offsetWidth>a.clientWidth-4&&(p=i-j-n.offsetWidth);let u=d+j;u+n.offsetHeight>a.clientHeight-4&&(u=d-j-n.offsetHeight),n.style.left=`${Math.max(0,p)}px`,n.style.top=`${Math.max(0,u)}px`},hide(){n.hidden=!0}}}function N(t,e,n){for(let o of e)t.on(o,n);return()=>{for(let o of e)t.off(o,n)}}async function O(t,e,n){let o=e.get(n);if(o==null)return null;if(t===void 0)throw new Error("this widget is composed of child widgets and needs anywidget 0.11 or later in the front end");let[s,a]=await Promise.all([t.getModel(String(o)),t.getWidget(String(o))]);return{model:s,mount:i=>a.render({el:i})}}var tt="this view needs a running kernel; use .to_html() for a kernel-free copy",pt="saewidgets-request",ft="saewidgets-response";function gt(t){let e=t.widget_manager;return e==null?"yes":"kernel"in e?e.kernel===null||e.kernel===void 0?"no":"yes":"unknown"}var Z=0;function mt(){return Z+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Z}`}function ht(t){return(e,n,o={})=>new Promise((s,a)=>{let i=t.send;if(typeof i!="function"){a(new Error(tt));return}let d=mt(),l=o.signal,p=(...h)=>{let b=h[0];b===null||typeof b!="object"||b.kind!==ft||b.id!==d||(x(),s([b.response,bt(h[1])]))},u=()=>{x(),a(l?.reason??new Error("request aborted"))},x=()=>{t.off("msg:custom",p),l?.removeEventListener("abort",u)};if(l?.aborted){a(l.reason);return}l?.addEventListener("abort",u),t.on("msg:custom",p);try{i.call(t,{kind:pt,id:d,name:e,msg:n},void 0,o.buffers??[])}catch(h){x(),a(h)}})}function bt(t){return Array.isArray(t)?t.map(e=>{if(e instanceof DataView)return e;if(e instanceof ArrayBuffer)return new DataView(e);if(ArrayBuffer.isView(e))return new DataView(e.buffer,e.byteOffset,e.byteLength);throw new Error("a response buffer is not binary")}):[]}function wt(t){return t instanceof Error&&(t.name==="TimeoutError"||t.name==="AbortError")}function D(t,e){let n=e?.invoke;if(t.get("_standalone")===!0&&n!==void 0)return n;let o=ht(t),s=typeof n!="function",a=null,i=async(l,p,u)=>{if(!s&&n!==void 0)try{return await n(l,p,u)}catch(x){if(wt(x))throw x;s=!0}return o(l,p,u)},d=()=>{let l=gt(t);return l!=="unknown"?Promise.resolve(l==="yes"):(a??(a=i("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),a)};return async(l,p,u)=>{if(!await d())throw new Error(tt);return i(l,p,u)}}var xt={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function v(t){let e=xt[t.dtype];if(e===void 0)throw new Error(`unsupported dtype ${String(t.dtype)}`);let n=t.shape.reduce((i,d)=>i*d,1),o=t.data instanceof ArrayBuffer?new Uint8Array(t.data):new Uint8Array(t.data.buffer,t.data.byteOffset,t.data.byteLength);if(o.byteLength!==n*e.BYTES_PER_ELEMENT)throw new Error(`array of shape [${t.shape.join(", ")}] ${t.dtype} needs ${n*e.BYTES_PER_ELEMENT} bytes, got ${o.byteLength}`);let s=o.byteOffset%e.BYTES_PER_ELEMENT===0?o:new Uint8Array(o.slice()),a=s.buffer;return{data:new e(a,s.byteOffset,n),shape:t.shape}}function I(t,e){let n=t.shape[1]??1;return t.data.subarray(e*n,(e+1)*n)}function et(t,e,n){e.forEach((o,s)=>{if(o.length===0)throw new Error("empty buffer path");let a=t;for(let i of o.slice(0,-1))a=a[i];a[o[o.length-1]]=n[s]})}var yt=12e4;async function M(t,e,n,o=yt){let[s,a]=await t(e,n,{signal:AbortSignal.timeout(o)}),i=s??{};if(i.error!==void 0)throw new Error(String(i.error));let d={value:i.value};return et(d,(i.buffer_paths??[]).map(l=>["value",...l]),a),d.value}function rt(t){let e={...t},n=new Map,o=(s,...a)=>{for(let i of[...n.get(s)??[]])i(...a)};return{get:s=>e[s],set(s,a){Object.is(e[s],a)||(e[s]=a,o(`change:${s}`,this,a),o("change",this))},save_changes(){},on(s,a){nt(s),n.has(s)||n.set(s,new Set),n.get(s)?.add(a)},off(s,a){nt(s),a===void 0?n.delete(s):n.get(s)?.delete(a)}}}function nt(t){if(/\s/.test(t))throw new Error(`one event per subscription, got "${t}"; use listen()`)}var ot=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function kt(t){let e=/^#([0-9a-f]{6})$/i.exec(t);if(e===null)throw new Error(`not a #rrggbb colour: ${t}`);let n=parseInt(e[1],16);return[n>>16&255,n>>8&255,n&255]}function U(t){return kt(ot[t%ot.length])}function W(t,e){return!(e>0)||!(t>0)?0:Math.min(1,t/e)}function vt(t,e){return Math.round(.85*W(t,e)*1e3)/1e3}function st(t,e,n){let o=vt(e,n);return o===0?"transparent":`rgba(${t[0]}, ${t[1]}, ${t[2]}, ${o})`}function T(t){if(Number.isNaN(t))return"NaN";if(!Number.isFinite(t))return t>0?"\u221E":"\u2212\u221E";if(t===0)return"0";let e=Math.abs(t);if(e<.001||e>=1e6)return t.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(e)));return t.toFixed(n).replace("-","\u2212")}function At(t){let e=t.charCodeAt(0);return e===127?"\u2421":String.fromCharCode(9216+e)}function G(t){if(t.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(t))return[{kind:"mark",text:"\xB7".repeat(t.length)}];let e=[],n=(o,s)=>{let a=e[e.length-1];a!==void 0&&a.kind===o&&o!=="break"?a.text+=s:e.push({kind:o,text:s})};for(let o of t)o===`
`?(n("mark","\u21B5"),n("break",`
`)):o==="	"?n("mark","\u2192"):o==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(o)?n("mark",At(o)):n("text",o);return e}function C(t){return G(t).filter(e=>e.kind!=="break").map(e=>e.text).join("")}var at=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function X(t){let e=T(t);return t>0?`+${e}`:e}function it(t){let e=r("div",{class:"sw-tv-attr",attrs:{"data-testid":"attribution"}});e.hidden=!0;let n=0,o=(i,d,l)=>{let p=r("td",{class:"sw-num sw-attr-delta"});if(!Number.isNaN(l))return p.append(X(l)),p;let u=r("button",{class:"sw-chip sw-attr-ablate",attrs:{type:"button"}},"ablate");return u.title="Run the exact ablation of this feature at its position (lens.ablate)",u.addEventListener("click",async()=>{u.disabled=!0,u.textContent="\u2026";let x={text:t.text(),position:i.position,pos:v(i.pos).data[d],feature:v(i.feature).data[d]};try{let h=await M(t.invoke,"ablate",x);p.replaceChildren(X(h.delta)),p.title=`log p: ${T(h.lp_clean)} \u2192 ${T(h.lp_after)}`}catch(h){u.disabled=!1,u.textContent="ablate",p.title=String(h instanceof Error?h.message:h),p.append(r("span",{class:"sw-error-text"}," failed"))}}),p.append(u),p},s=i=>{let d=v(i.pos).data,l=v(i.feature).data,p=v(i.activation).data,u=v(i.attribution).data,x=v(i.ablated).data,h=r("div",{class:"sw-tv-attr-head"},"Next token after ",r("b",{},C(i.token)),` (pos ${i.position}): target `,r("b",{attrs:{"data-testid":"attr-target"}},C(i.target_token)),r("span",{class:"sw-muted"},` \xB7 top ${l.length} of ${i.n_active} active (pos, feature) by |attribution|; ablation \u0394 is exact (\u2248 \u2212attribution to first order)`)),b=r("table",{class:"sw-tv-attr-table"});b.append(r("tr",{},r("th",{},"feature"),r("th",{},"at token"),r("th",{},"activation"),r("th",{},"attribution"),r("th",{},"ablation \u0394 log p")));for(let w=0;w<l.length;w++){let E=l[w],S=r("button",{class:"sw-link sw-attr-feature",attrs:{type:"button"}},t.name(E));S.title=`Open the card of feature #${E}`,S.addEventListener("click",()=>t.open(E)),b.append(r("tr",{attrs:{"data-testid":"attr-row","data-feature":String(E),"data-pos":String(d[w])}},r("td",{},S),r("td",{class:"sw-attr-tok"},r("span",{},C(i.tokens[w])),r("span",{class:"sw-muted"},` @${d[w]}`)),r("td",{class:"sw-num sw-attr-act"},T(p[w])),r("td",{class:"sw-num sw-attr-attr"},X(u[w])),o(i,w,x[w])))}l.length===0&&b.append(r("tr",{},r("td",{class:"sw-muted"},"no feature is active"))),e.replaceChildren(h,b)},a=async i=>{let d=++n;if(i===null||i<0){e.hidden=!0,e.replaceChildren();return}e.hidden=!1,e.replaceChildren(r("div",{class:"sw-muted"},`attributing the next token after pos ${i}\u2026`));try{let l=await M(t.invoke,"attribute",{text:t.text(),position:i});d===n&&s(l)}catch(l){if(d!==n)return;e.replaceChildren(r("div",{class:"sw-error-text",attrs:{role:"alert"}},String(l instanceof Error?l.message:l)))}};return{el:e,show:i=>void a(i)}}function St(t){let e=v(t.get("acts")),n=t.get("features"),o=t.get("bos")===!0,s=n.map((a,i)=>{let d=0;for(let l=o?1:0;l<e.shape[0];l++)d=Math.max(d,e.data[l*n.length+i]);return d});return{tokens:t.get("tokens"),acts:e,features:n,topIds:v(t.get("top_ids")),topVals:v(t.get("top_vals")),labels:t.get("labels")??{},vmax:s,bos:o}}function F(t,e){let n=t.labels[String(e)];return n?`#${e} ${n}`:`#${e}`}function lt(t){let e=r("span",{class:"sw-swatch"});return e.style.background=`rgb(${t[0]}, ${t[1]}, ${t[2]})`,e}function Tt(t,e,n){let o=n===null?-1:t.features.indexOf(n);if(o>=0)return o;let s=I(t.acts,e),a=0;for(let i=1;i<s.length;i++)W(s[i],t.vmax[i])>W(s[a],t.vmax[a])&&(a=i);return a}function Mt(t,e,n){let o=I(t.acts,e),s=r("table",{});t.features.forEach((l,p)=>{let u=r("tr",{},r("td",{},lt(U(p))),r("td",{},F(t,l)),r("td",{class:"sw-num"},T(o[p])));l===n&&(u.style.fontWeight="600"),s.append(u)});let a=r("table",{class:"sw-tv-top"}),i=I(t.topIds,e),d=I(t.topVals,e);for(let l=0;l<i.length;l++)d[l]>0&&a.append(r("tr",{},r("td",{},F(t,i[l])),r("td",{class:"sw-num"},T(d[l]))));return r("div",{},r("div",{class:"sw-tip-head"},r("b",{},C(t.tokens[e])),r("span",{class:"sw-muted"},`  pos ${e}`)),s,r("h4",{},`Top ${i.length} features here`),a.childElementCount>0?a:r("div",{class:"sw-muted"},"no feature fires"))}function _t({model:t,el:e,experimental:n}){let o=D(t,n),s=r("div",{class:"sw-root sw-tokenview"});B(s,V+at);let a=H(),i=r("div",{class:"sw-tv-legend"}),d=r("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});s.append(a.el),e.replaceChildren(s);let l=Q(s),p=t.get("_standalone")===!0,u=null;if(t.get("live")===!0&&!p){let c=r("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),f=r("span",{class:"sw-muted"});c.value=String(t.get("text")??"");let m,g=0,k=async()=>{let A=++g;f.textContent="running\u2026";try{await M(o,"run",{text:c.value}),A===g&&a.show("")}catch(y){A===g&&a.show(String(y instanceof Error?y.message:y))}finally{A===g&&(f.textContent="")}};c.addEventListener("input",()=>{clearTimeout(m),m=setTimeout(k,600)}),t.on("change:text",()=>{document.activeElement!==c&&(c.value=String(t.get("text")??""))}),s.append(r("div",{class:"sw-tv-editor"},c,f))}s.append(i,d);let x=t.get("attributable")===!0?it({invoke:o,text:()=>String(t.get("text")??""),name:c=>u===null?`#${c}`:F(u,c),open:c=>{t.set("open_feature",-1),t.set("open_feature",c),t.save_changes()}}):null;x!==null&&s.append(x.el);let h=()=>{let c=t.get("selected_token");x?.show(u!==null&&c>=0&&c<u.tokens.length?c:null)},b=()=>{if(u===null)return;let c=t.get("focus"),f=t.get("selected_token");d.querySelectorAll(".sw-tok").forEach((m,g)=>{let k=Tt(u,g,c),A=u.acts.data[g*u.features.length+k]??0,y=u.bos&&g===0;m.classList.toggle("sw-bos",y),m.style.background=y?"var(--jp-layout-color3, #e4e4e4)":st(U(k),A,u.vmax[k]??0),m.classList.toggle("sw-selected",g===f)})},w=()=>{if(u===null)return;let c=t.get("focus"),f=(g,k,A)=>{let y=r("button",{class:"sw-chip",attrs:{type:"button"}});return A!==null&&y.append(lt(A)),y.append(g),y.setAttribute("aria-pressed",String(c===k)),y.addEventListener("click",()=>{t.set("focus",k),t.save_changes()}),y},m=u;i.replaceChildren(f("all",null,null),...m.features.map((g,k)=>f(`${F(m,g)} \xB7 max ${T(m.vmax[k])}`,g,U(k))))},E=()=>{try{u=St(t),a.show(String(t.get("error")??""))}catch(c){u=null,a.show(`TokenView cannot draw its data: ${String(c)}`);return}d.replaceChildren(...u.tokens.map((c,f)=>{let m=r("span",{class:"sw-tok",attrs:{"data-i":String(f)}});for(let g of G(c))g.kind==="break"?m.append(r("br")):g.kind==="mark"?m.append(r("span",{class:"sw-ws"},g.text)):m.append(g.text);return m})),u.tokens.length===0&&d.append(r("span",{class:"sw-muted"},"(no tokens)")),w(),b(),h()},S=c=>c instanceof Element?c.closest(".sw-tok"):null;d.addEventListener("mouseover",c=>{let f=S(c.target);f===null||u===null||l.show(f,Mt(u,Number(f.dataset.i),t.get("focus")))}),d.addEventListener("mouseleave",()=>l.hide()),d.addEventListener("scroll",()=>l.hide()),d.addEventListener("click",c=>{let f=S(c.target);if(f===null)return;let m=Number(f.dataset.i);t.set("selected_token",t.get("selected_token")===m?-1:m),t.save_changes()});let _=()=>E(),$=()=>{w(),b()},L=()=>a.show(String(t.get("error")??""));t.on("change:selected_token",h);let P=N(t,["tokens","acts","features","top_ids","top_vals","labels"].map(c=>`change:${c}`),_),K=N(t,["change:focus","change:selected_token"],$);return t.on("change:error",L),E(),()=>{P(),K(),t.off("change:selected_token",h),t.off("change:error",L)}}var ct={render:_t};var Y=60,$t=8,Ct=`
.sw-ex-row { display: flex; gap: 12px; align-items: flex-start; margin-top: 8px; }
.sw-ex-side { flex: 0 0 340px; min-width: 0; }
.sw-ex-card { flex: 1; min-width: 0; }
.sw-ex-chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.sw-ex-side textarea { width: 100%; min-height: 4em; font: 12px var(--jp-code-font-family, monospace); }
.sw-ex-h { font-weight: 600; margin: 6px 0 2px; }
`;async function Lt({model:t,el:e,experimental:n,host:o}){let s=r("div",{class:"sw-root sw-explorer"});B(s,V+Ct);let a=H(),i=r("div",{}),d=r("div",{class:"sw-ex-chips",attrs:{"data-testid":"chips"}}),l=r("div",{attrs:{"data-testid":"ex-tokens"}}),p=r("div",{class:"sw-ex-side"},r("div",{class:"sw-ex-h"},"Selected features"),d),u=r("div",{class:"sw-ex-card"}),x=r("div",{});s.append(a.el,i,r("div",{class:"sw-ex-row"},p,u),x),e.replaceChildren(s),a.show(String(t.get("error")??""));let h=t.get("_standalone")===!0,b,w;try{let[c,f,m]=await Promise.all([O(o,t,"map"),O(o,t,"card"),O(o,t,"grid_view")]);if(c===null||f===null)throw new Error("the Explorer has no map or card widget");await Promise.all([c.mount(i),f.mount(u),m?.mount(x)]),b=c.model,w=f.model}catch(c){return a.show(c instanceof Error?c.message:String(c)),()=>{}}let E=()=>b.get("labels")??{},S=()=>b.get("selected")??[],_=c=>{w.set("feature",c),w.save_changes()},$=()=>{let c=S();d.replaceChildren(...c.slice(0,Y).map(f=>{let m=E()[String(f)],g=r("button",{class:"sw-chip",attrs:{type:"button"}},m?`#${f} ${m}`:`#${f}`);return g.setAttribute("aria-pressed",String(w.get("feature")===f)),g.addEventListener("click",()=>_(f)),g})),c.length>Y&&d.append(r("span",{class:"sw-muted"},`and ${c.length-Y} more`)),c.length===0&&d.append(r("span",{class:"sw-muted"},"drag in the map to select"))};if(t.get("has_lens")===!0&&!h){let c=D(t,n),f=r("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}});f.placeholder="Type text: the selected features (or the card's) colour its tokens";let m,g=0,k=async()=>{let A=++g,y=S(),ut=(y.length>0?y:[Number(w.get("feature"))]).slice(0,$t);try{let R=await M(c,"run",{text:f.value,features:ut});if(A!==g)return;a.show("");let z=rt({...R,labels:E(),focus:null,selected_token:-1,text:f.value,live:!1,attributable:!0,open_feature:-1,error:"",_standalone:!0});z.on("change:open_feature",()=>{let q=z.get("open_feature");typeof q=="number"&&q>=0&&_(q)}),ct.render({model:z,el:l,experimental:n})}catch(R){A===g&&a.show(R instanceof Error?R.message:String(R))}};f.addEventListener("input",()=>{clearTimeout(m),m=setTimeout(k,500)}),p.append(r("div",{class:"sw-ex-h"},"Text"),f,l)}else p.append(r("div",{class:"sw-muted"},h?"Running text needs a Python kernel.":"Pass lens= to run text."));let L=()=>{let c=b.get("clicked");typeof c=="number"&&h&&_(c)},J=()=>{let c=S();h&&c.length>0&&_(c[0]),$()},P=()=>a.show(String(t.get("error")??""));b.on("change:clicked",L);let K=N(b,["change:selected","change:labels"],J);return w.on("change:feature",$),t.on("change:error",P),$(),()=>{b.off("change:clicked",L),K(),w.off("change:feature",$),t.off("change:error",P)}}var ke={render:Lt};export{ke as default};
