var D=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;var tt={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function k(t){let e=tt[t.dtype];if(e===void 0)throw new Error(`unsupported dtype ${String(t.dtype)}`);let n=t.shape.reduce((o,u)=>o*u,1),a=t.data instanceof ArrayBuffer?new Uint8Array(t.data):new Uint8Array(t.data.buffer,t.data.byteOffset,t.data.byteLength);if(a.byteLength!==n*e.BYTES_PER_ELEMENT)throw new Error(`array of shape [${t.shape.join(", ")}] ${t.dtype} needs ${n*e.BYTES_PER_ELEMENT} bytes, got ${a.byteLength}`);let l=a.byteOffset%e.BYTES_PER_ELEMENT===0?a:new Uint8Array(a.slice()),c=l.buffer;return{data:new e(c,l.byteOffset,n),shape:t.shape}}function M(t,e){let n=t.shape[1]??1;return t.data.subarray(e*n,(e+1)*n)}function H(t,e,n){e.forEach((a,l)=>{if(a.length===0)throw new Error("empty buffer path");let c=t;for(let o of a.slice(0,-1))c=c[o];c[a[a.length-1]]=n[l]})}var U=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function et(t){let e=/^#([0-9a-f]{6})$/i.exec(t);if(e===null)throw new Error(`not a #rrggbb colour: ${t}`);let n=parseInt(e[1],16);return[n>>16&255,n>>8&255,n&255]}function L(t){return et(U[t%U.length])}function N(t,e){return!(e>0)||!(t>0)?0:Math.min(1,t/e)}function nt(t,e){return Math.round(.85*N(t,e)*1e3)/1e3}function W(t,e,n){let a=nt(e,n);return a===0?"transparent":`rgba(${t[0]}, ${t[1]}, ${t[2]}, ${a})`}function r(t,e={},...n){let a=document.createElement(t);e.class!==void 0&&(a.className=e.class),e.title!==void 0&&(a.title=e.title);for(let[l,c]of Object.entries(e.attrs??{}))a.setAttribute(l,c);for(let l of n)l==null||l===!1||a.append(typeof l=="string"?document.createTextNode(l):l);return a}function z(t,e){t.append(r("style",{},e))}function K(){let t=r("div",{class:"sw-error",attrs:{role:"alert"}});return t.hidden=!0,{el:t,show(e){t.textContent=e,t.hidden=e===""}}}var C=12;function F(t){let e=t.ownerDocument,n=r("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0;let a=null,l=()=>{n.isConnected||(e.body.append(n),a=new MutationObserver(()=>{t.isConnected||(n.remove(),a?.disconnect(),a=null)}),a.observe(e.body,{childList:!0,subtree:!0}))},c=e.documentElement;return{el:n,show(o,u){l(),n.replaceChildren(u),n.hidden=!1;let s=o.getBoundingClientRect(),f=Math.min(s.left,c.clientWidth-n.offsetWidth-4),i=s.bottom+4,h=i+n.offsetHeight<=c.clientHeight;n.style.left=`${Math.max(0,f)}px`,n.style.top=`${h?i:Math.max(0,s.top-n.offsetHeight-4)}px`},showAt(o,u,...s){l(),n.replaceChildren(...s),n.hidden=!1;let f=o+C;f+n.offsetWidth>c.clientWidth-4&&(f=o-C-n.offsetWidth);let i=u+C;i+n.offsetHeight>c.clientHeight-4&&(i=u-C-n.offsetHeight),n.style.left=`${Math.max(0,f)}px`,n.style.top=`${Math.max(0,i)}px`},hide(){n.hidden=!0}}}function A(t){if(Number.isNaN(t))return"NaN";if(!Number.isFinite(t))return t>0?"\u221E":"\u2212\u221E";if(t===0)return"0";let e=Math.abs(t);if(e<.001||e>=1e6)return t.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(e)));return t.toFixed(n).replace("-","\u2212")}var q="this view needs a running kernel; use .to_html() for a kernel-free copy",rt="saewidgets-request",ot="saewidgets-response";function at(t){let e=t.widget_manager;return e==null?"yes":"kernel"in e?e.kernel===null||e.kernel===void 0?"no":"yes":"unknown"}var G=0;function st(){return G+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${G}`}function it(t){return(e,n,a={})=>new Promise((l,c)=>{let o=t.send;if(typeof o!="function"){c(new Error(q));return}let u=st(),s=a.signal,f=(...g)=>{let w=g[0];w===null||typeof w!="object"||w.kind!==ot||w.id!==u||(h(),l([w.response,lt(g[1])]))},i=()=>{h(),c(s?.reason??new Error("request aborted"))},h=()=>{t.off("msg:custom",f),s?.removeEventListener("abort",i)};if(s?.aborted){c(s.reason);return}s?.addEventListener("abort",i),t.on("msg:custom",f);try{o.call(t,{kind:rt,id:u,name:e,msg:n},void 0,a.buffers??[])}catch(g){h(),c(g)}})}function lt(t){return Array.isArray(t)?t.map(e=>{if(e instanceof DataView)return e;if(e instanceof ArrayBuffer)return new DataView(e);if(ArrayBuffer.isView(e))return new DataView(e.buffer,e.byteOffset,e.byteLength);throw new Error("a response buffer is not binary")}):[]}function ct(t){return t instanceof Error&&(t.name==="TimeoutError"||t.name==="AbortError")}function Y(t,e){let n=e?.invoke,a=it(t),l=typeof n!="function",c=null,o=async(s,f,i)=>{if(!l&&n!==void 0)try{return await n(s,f,i)}catch(h){if(ct(h))throw h;l=!0}return a(s,f,i)},u=()=>{let s=at(t);return s!=="unknown"?Promise.resolve(s==="yes"):(c??(c=o("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),c)};return async(s,f,i)=>{if(!await u())throw new Error(q);return o(s,f,i)}}var ut=12e4;async function $(t,e,n,a=ut){let[l,c]=await t(e,n,{signal:AbortSignal.timeout(a)}),o=l??{};if(o.error!==void 0)throw new Error(String(o.error));let u={value:o.value};return H(u,(o.buffer_paths??[]).map(s=>["value",...s]),c),u.value}function dt(t){let e=t.charCodeAt(0);return e===127?"\u2421":String.fromCharCode(9216+e)}function R(t){if(t.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(t))return[{kind:"mark",text:"\xB7".repeat(t.length)}];let e=[],n=(a,l)=>{let c=e[e.length-1];c!==void 0&&c.kind===a&&a!=="break"?c.text+=l:e.push({kind:a,text:l})};for(let a of t)a===`
`?(n("mark","\u21B5"),n("break",`
`)):a==="	"?n("mark","\u2192"):a==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(a)?n("mark",dt(a)):n("text",a);return e}function _(t){return R(t).filter(e=>e.kind!=="break").map(e=>e.text).join("")}var X=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function V(t){let e=A(t);return t>0?`+${e}`:e}function J(t){let e=r("div",{class:"sw-tv-attr",attrs:{"data-testid":"attribution"}});e.hidden=!0;let n=0,a=(o,u,s)=>{let f=r("td",{class:"sw-num sw-attr-delta"});if(!Number.isNaN(s))return f.append(V(s)),f;let i=r("button",{class:"sw-chip sw-attr-ablate",attrs:{type:"button"}},"ablate");return i.title="Run the exact ablation of this feature at its position (lens.ablate)",i.addEventListener("click",async()=>{i.disabled=!0,i.textContent="\u2026";let h={text:t.text(),position:o.position,pos:k(o.pos).data[u],feature:k(o.feature).data[u]};try{let g=await $(t.invoke,"ablate",h);f.replaceChildren(V(g.delta)),f.title=`log p: ${A(g.lp_clean)} \u2192 ${A(g.lp_after)}`}catch(g){i.disabled=!1,i.textContent="ablate",f.title=String(g instanceof Error?g.message:g),f.append(r("span",{class:"sw-error-text"}," failed"))}}),f.append(i),f},l=o=>{let u=k(o.pos).data,s=k(o.feature).data,f=k(o.activation).data,i=k(o.attribution).data,h=k(o.ablated).data,g=r("div",{class:"sw-tv-attr-head"},"Next token after ",r("b",{},_(o.token)),` (pos ${o.position}): target `,r("b",{attrs:{"data-testid":"attr-target"}},_(o.target_token)),r("span",{class:"sw-muted"},` \xB7 top ${s.length} of ${o.n_active} active (pos, feature) by |attribution|; ablation \u0394 is exact (\u2248 \u2212attribution to first order)`)),w=r("table",{class:"sw-tv-attr-table"});w.append(r("tr",{},r("th",{},"feature"),r("th",{},"at token"),r("th",{},"activation"),r("th",{},"attribution"),r("th",{},"ablation \u0394 log p")));for(let x=0;x<s.length;x++){let T=s[x],S=r("button",{class:"sw-link sw-attr-feature",attrs:{type:"button"}},t.name(T));S.title=`Open the card of feature #${T}`,S.addEventListener("click",()=>t.open(T)),w.append(r("tr",{attrs:{"data-testid":"attr-row","data-feature":String(T),"data-pos":String(u[x])}},r("td",{},S),r("td",{class:"sw-attr-tok"},r("span",{},_(o.tokens[x])),r("span",{class:"sw-muted"},` @${u[x]}`)),r("td",{class:"sw-num sw-attr-act"},A(f[x])),r("td",{class:"sw-num sw-attr-attr"},V(i[x])),a(o,x,h[x])))}s.length===0&&w.append(r("tr",{},r("td",{class:"sw-muted"},"no feature is active"))),e.replaceChildren(g,w)},c=async o=>{let u=++n;if(o===null||o<0){e.hidden=!0,e.replaceChildren();return}e.hidden=!1,e.replaceChildren(r("div",{class:"sw-muted"},`attributing the next token after pos ${o}\u2026`));try{let s=await $(t.invoke,"attribute",{text:t.text(),position:o});u===n&&l(s)}catch(s){if(u!==n)return;e.replaceChildren(r("div",{class:"sw-error-text",attrs:{role:"alert"}},String(s instanceof Error?s.message:s)))}};return{el:e,show:o=>void c(o)}}function pt(t){let e=k(t.get("acts")),n=t.get("features"),a=t.get("bos")===!0,l=n.map((c,o)=>{let u=0;for(let s=a?1:0;s<e.shape[0];s++)u=Math.max(u,e.data[s*n.length+o]);return u});return{tokens:t.get("tokens"),acts:e,features:n,topIds:k(t.get("top_ids")),topVals:k(t.get("top_vals")),labels:t.get("labels")??{},vmax:l,bos:a}}function I(t,e){let n=t.labels[String(e)];return n?`#${e} ${n}`:`#${e}`}function Q(t){let e=r("span",{class:"sw-swatch"});return e.style.background=`rgb(${t[0]}, ${t[1]}, ${t[2]})`,e}function gt(t,e,n){let a=n===null?-1:t.features.indexOf(n);if(a>=0)return a;let l=M(t.acts,e),c=0;for(let o=1;o<l.length;o++)N(l[o],t.vmax[o])>N(l[c],t.vmax[c])&&(c=o);return c}function bt(t,e,n){let a=M(t.acts,e),l=r("table",{});t.features.forEach((s,f)=>{let i=r("tr",{},r("td",{},Q(L(f))),r("td",{},I(t,s)),r("td",{class:"sw-num"},A(a[f])));s===n&&(i.style.fontWeight="600"),l.append(i)});let c=r("table",{class:"sw-tv-top"}),o=M(t.topIds,e),u=M(t.topVals,e);for(let s=0;s<o.length;s++)u[s]>0&&c.append(r("tr",{},r("td",{},I(t,o[s])),r("td",{class:"sw-num"},A(u[s]))));return r("div",{},r("div",{class:"sw-tip-head"},r("b",{},_(t.tokens[e])),r("span",{class:"sw-muted"},`  pos ${e}`)),l,r("h4",{},`Top ${o.length} features here`),c.childElementCount>0?c:r("div",{class:"sw-muted"},"no feature fires"))}function mt({model:t,el:e,experimental:n}){let a=Y(t,n),l=r("div",{class:"sw-root sw-tokenview"});z(l,D+X);let c=K(),o=r("div",{class:"sw-tv-legend"}),u=r("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});l.append(c.el),e.replaceChildren(l);let s=F(l),f=t.get("_standalone")===!0,i=null;if(t.get("live")===!0&&!f){let d=r("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),m=r("span",{class:"sw-muted"});d.value=String(t.get("text")??"");let b,p=0,v=async()=>{let E=++p;m.textContent="running\u2026";try{await $(a,"run",{text:d.value}),E===p&&c.show("")}catch(y){E===p&&c.show(String(y instanceof Error?y.message:y))}finally{E===p&&(m.textContent="")}};d.addEventListener("input",()=>{clearTimeout(b),b=setTimeout(v,600)}),t.on("change:text",()=>{document.activeElement!==d&&(d.value=String(t.get("text")??""))}),l.append(r("div",{class:"sw-tv-editor"},d,m))}l.append(o,u);let h=t.get("attributable")===!0?J({invoke:a,text:()=>String(t.get("text")??""),name:d=>i===null?`#${d}`:I(i,d),open:d=>{t.set("open_feature",-1),t.set("open_feature",d),t.save_changes()}}):null;h!==null&&l.append(h.el);let g=()=>{let d=t.get("selected_token");h?.show(i!==null&&d>=0&&d<i.tokens.length?d:null)},w=()=>{if(i===null)return;let d=t.get("focus"),m=t.get("selected_token");u.querySelectorAll(".sw-tok").forEach((b,p)=>{let v=gt(i,p,d),E=i.acts.data[p*i.features.length+v]??0,y=i.bos&&p===0;b.classList.toggle("sw-bos",y),b.style.background=y?"var(--jp-layout-color3, #e4e4e4)":W(L(v),E,i.vmax[v]??0),b.classList.toggle("sw-selected",p===m)})},x=()=>{if(i===null)return;let d=t.get("focus"),m=(p,v,E)=>{let y=r("button",{class:"sw-chip",attrs:{type:"button"}});return E!==null&&y.append(Q(E)),y.append(p),y.setAttribute("aria-pressed",String(d===v)),y.addEventListener("click",()=>{t.set("focus",v),t.save_changes()}),y},b=i;o.replaceChildren(m("all",null,null),...b.features.map((p,v)=>m(`${I(b,p)} \xB7 max ${A(b.vmax[v])}`,p,L(v))))},T=()=>{try{i=pt(t),c.show(String(t.get("error")??""))}catch(d){i=null,c.show(`TokenView cannot draw its data: ${String(d)}`);return}u.replaceChildren(...i.tokens.map((d,m)=>{let b=r("span",{class:"sw-tok",attrs:{"data-i":String(m)}});for(let p of R(d))p.kind==="break"?b.append(r("br")):p.kind==="mark"?b.append(r("span",{class:"sw-ws"},p.text)):b.append(p.text);return b})),i.tokens.length===0&&u.append(r("span",{class:"sw-muted"},"(no tokens)")),x(),w(),g()},S=d=>d instanceof Element?d.closest(".sw-tok"):null;u.addEventListener("mouseover",d=>{let m=S(d.target);m===null||i===null||s.show(m,bt(i,Number(m.dataset.i),t.get("focus")))}),u.addEventListener("mouseleave",()=>s.hide()),u.addEventListener("scroll",()=>s.hide()),u.addEventListener("click",d=>{let m=S(d.target);if(m===null)return;let b=Number(m.dataset.i);t.set("selected_token",t.get("selected_token")===b?-1:b),t.save_changes()});let B=()=>T(),j=()=>{x(),w()},O=()=>c.show(String(t.get("error")??""));t.on("change:selected_token",g);let P="change:tokens change:acts change:features change:top_ids change:top_vals change:labels";return t.on(P,B),t.on("change:focus change:selected_token",j),t.on("change:error",O),T(),()=>{t.off(P,B),t.off("change:focus change:selected_token",j),t.off("change:selected_token",g),t.off("change:error",O)}}var Wt={render:mt};export{Wt as default};
