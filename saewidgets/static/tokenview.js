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
`;var nt={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function k(t){let e=nt[t.dtype];if(e===void 0)throw new Error(`unsupported dtype ${String(t.dtype)}`);let n=t.shape.reduce((a,c)=>a*c,1),o=t.data instanceof ArrayBuffer?new Uint8Array(t.data):new Uint8Array(t.data.buffer,t.data.byteOffset,t.data.byteLength);if(o.byteLength!==n*e.BYTES_PER_ELEMENT)throw new Error(`array of shape [${t.shape.join(", ")}] ${t.dtype} needs ${n*e.BYTES_PER_ELEMENT} bytes, got ${o.byteLength}`);let i=o.byteOffset%e.BYTES_PER_ELEMENT===0?o:new Uint8Array(o.slice()),u=i.buffer;return{data:new e(u,i.byteOffset,n),shape:t.shape}}function _(t,e){let n=t.shape[1]??1;return t.data.subarray(e*n,(e+1)*n)}function O(t,e,n){e.forEach((o,i)=>{if(o.length===0)throw new Error("empty buffer path");let u=t;for(let a of o.slice(0,-1))u=u[a];u[o[o.length-1]]=n[i]})}var P=["#e4572e","#2e86de","#17a589","#8e44ad","#f1a208","#d81b60","#5d8c1e","#6c5ce7","#a0522d","#00838f"];function rt(t){let e=/^#([0-9a-f]{6})$/i.exec(t);if(e===null)throw new Error(`not a #rrggbb colour: ${t}`);let n=parseInt(e[1],16);return[n>>16&255,n>>8&255,n&255]}function L(t){return rt(P[t%P.length])}function N(t,e){return!(e>0)||!(t>0)?0:Math.min(1,t/e)}function ot(t,e){return Math.round(.85*N(t,e)*1e3)/1e3}function H(t,e,n){let o=ot(e,n);return o===0?"transparent":`rgba(${t[0]}, ${t[1]}, ${t[2]}, ${o})`}function r(t,e={},...n){let o=document.createElement(t);e.class!==void 0&&(o.className=e.class),e.title!==void 0&&(o.title=e.title);for(let[i,u]of Object.entries(e.attrs??{}))o.setAttribute(i,u);for(let i of n)i==null||i===!1||o.append(typeof i=="string"?document.createTextNode(i):i);return o}function U(t,e){t.append(r("style",{},e))}function W(){let t=r("div",{class:"sw-error",attrs:{role:"alert"}});return t.hidden=!0,{el:t,show(e){t.textContent=e,t.hidden=e===""}}}var C=12;function z(t){let e=t.ownerDocument,n=r("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0;let o=null,i=()=>{n.isConnected||(e.body.append(n),o=new MutationObserver(()=>{t.isConnected||(n.remove(),o?.disconnect(),o=null)}),o.observe(e.body,{childList:!0,subtree:!0}))},u=e.documentElement;return{el:n,show(a,c){i(),n.replaceChildren(c),n.hidden=!1;let s=a.getBoundingClientRect(),d=Math.min(s.left,u.clientWidth-n.offsetWidth-4),l=s.bottom+4,h=l+n.offsetHeight<=u.clientHeight;n.style.left=`${Math.max(0,d)}px`,n.style.top=`${h?l:Math.max(0,s.top-n.offsetHeight-4)}px`},showAt(a,c,...s){i(),n.replaceChildren(...s),n.hidden=!1;let d=a+C;d+n.offsetWidth>u.clientWidth-4&&(d=a-C-n.offsetWidth);let l=c+C;l+n.offsetHeight>u.clientHeight-4&&(l=c-C-n.offsetHeight),n.style.left=`${Math.max(0,d)}px`,n.style.top=`${Math.max(0,l)}px`},hide(){n.hidden=!0}}}function R(t,e,n){let o=e.find(i=>/\s/.test(i));if(o!==void 0)throw new Error(`one event per name, got "${o}"`);for(let i of e)t.on(i,n);return()=>{for(let i of e)t.off(i,n)}}function A(t){if(Number.isNaN(t))return"NaN";if(!Number.isFinite(t))return t>0?"\u221E":"\u2212\u221E";if(t===0)return"0";let e=Math.abs(t);if(e<.001||e>=1e6)return t.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(e)));return t.toFixed(n).replace("-","\u2212")}var K="this view needs a running kernel; use .to_html() for a kernel-free copy",at="saewidgets-request",st="saewidgets-response";function it(t){let e=t.widget_manager;return e==null?"yes":"kernel"in e?e.kernel===null||e.kernel===void 0?"no":"yes":"unknown"}var F=0;function lt(){return F+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${F}`}function ut(t){return(e,n,o={})=>new Promise((i,u)=>{let a=t.send;if(typeof a!="function"){u(new Error(K));return}let c=lt(),s=o.signal,d=(...g)=>{let w=g[0];w===null||typeof w!="object"||w.kind!==st||w.id!==c||(h(),i([w.response,ct(g[1])]))},l=()=>{h(),u(s?.reason??new Error("request aborted"))},h=()=>{t.off("msg:custom",d),s?.removeEventListener("abort",l)};if(s?.aborted){u(s.reason);return}s?.addEventListener("abort",l),t.on("msg:custom",d);try{a.call(t,{kind:at,id:c,name:e,msg:n},void 0,o.buffers??[])}catch(g){h(),u(g)}})}function ct(t){return Array.isArray(t)?t.map(e=>{if(e instanceof DataView)return e;if(e instanceof ArrayBuffer)return new DataView(e);if(ArrayBuffer.isView(e))return new DataView(e.buffer,e.byteOffset,e.byteLength);throw new Error("a response buffer is not binary")}):[]}function ft(t){return t instanceof Error&&(t.name==="TimeoutError"||t.name==="AbortError")}function G(t,e){let n=e?.invoke;if(t.get("_standalone")===!0&&n!==void 0)return n;let o=ut(t),i=typeof n!="function",u=null,a=async(s,d,l)=>{if(!i&&n!==void 0)try{return await n(s,d,l)}catch(h){if(ft(h))throw h;i=!0}return o(s,d,l)},c=()=>{let s=it(t);return s!=="unknown"?Promise.resolve(s==="yes"):(u??(u=a("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),u)};return async(s,d,l)=>{if(!await c())throw new Error(K);return a(s,d,l)}}var dt=12e4;async function $(t,e,n,o=dt){let[i,u]=await t(e,n,{signal:AbortSignal.timeout(o)}),a=i??{};if(a.error!==void 0)throw new Error(String(a.error));let c={value:a.value};return O(c,(a.buffer_paths??[]).map(s=>["value",...s]),u),c.value}function pt(t){let e=t.charCodeAt(0);return e===127?"\u2421":String.fromCharCode(9216+e)}function V(t){if(t.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(t))return[{kind:"mark",text:"\xB7".repeat(t.length)}];let e=[],n=(o,i)=>{let u=e[e.length-1];u!==void 0&&u.kind===o&&o!=="break"?u.text+=i:e.push({kind:o,text:i})};for(let o of t)o===`
`?(n("mark","\u21B5"),n("break",`
`)):o==="	"?n("mark","\u2192"):o==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(o)?n("mark",pt(o)):n("text",o);return e}function M(t){return V(t).filter(e=>e.kind!=="break").map(e=>e.text).join("")}var q=`.sw-tv-editor { display: flex; gap: 6px; align-items: flex-start; margin-bottom: 6px; }
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
`;function j(t){let e=A(t);return t>0?`+${e}`:e}function Y(t){let e=r("div",{class:"sw-tv-attr",attrs:{"data-testid":"attribution"}});e.hidden=!0;let n=0,o=(a,c,s)=>{let d=r("td",{class:"sw-num sw-attr-delta"});if(!Number.isNaN(s))return d.append(j(s)),d;let l=r("button",{class:"sw-chip sw-attr-ablate",attrs:{type:"button"}},"ablate");return l.title="Run the exact ablation of this feature at its position (lens.ablate)",l.addEventListener("click",async()=>{l.disabled=!0,l.textContent="\u2026";let h={text:t.text(),position:a.position,pos:k(a.pos).data[c],feature:k(a.feature).data[c]};try{let g=await $(t.invoke,"ablate",h);d.replaceChildren(j(g.delta)),d.title=`log p: ${A(g.lp_clean)} \u2192 ${A(g.lp_after)}`}catch(g){l.disabled=!1,l.textContent="ablate",d.title=String(g instanceof Error?g.message:g),d.append(r("span",{class:"sw-error-text"}," failed"))}}),d.append(l),d},i=a=>{let c=k(a.pos).data,s=k(a.feature).data,d=k(a.activation).data,l=k(a.attribution).data,h=k(a.ablated).data,g=r("div",{class:"sw-tv-attr-head"},"Next token after ",r("b",{},M(a.token)),` (pos ${a.position}): target `,r("b",{attrs:{"data-testid":"attr-target"}},M(a.target_token)),r("span",{class:"sw-muted"},` \xB7 top ${s.length} of ${a.n_active} active (pos, feature) by |attribution|; ablation \u0394 is exact (\u2248 \u2212attribution to first order)`)),w=r("table",{class:"sw-tv-attr-table"});w.append(r("tr",{},r("th",{},"feature"),r("th",{},"at token"),r("th",{},"activation"),r("th",{},"attribution"),r("th",{},"ablation \u0394 log p")));for(let y=0;y<s.length;y++){let T=s[y],S=r("button",{class:"sw-link sw-attr-feature",attrs:{type:"button"}},t.name(T));S.title=`Open the card of feature #${T}`,S.addEventListener("click",()=>t.open(T)),w.append(r("tr",{attrs:{"data-testid":"attr-row","data-feature":String(T),"data-pos":String(c[y])}},r("td",{},S),r("td",{class:"sw-attr-tok"},r("span",{},M(a.tokens[y])),r("span",{class:"sw-muted"},` @${c[y]}`)),r("td",{class:"sw-num sw-attr-act"},A(d[y])),r("td",{class:"sw-num sw-attr-attr"},j(l[y])),o(a,y,h[y])))}s.length===0&&w.append(r("tr",{},r("td",{class:"sw-muted"},"no feature is active"))),e.replaceChildren(g,w)},u=async a=>{let c=++n;if(a===null||a<0){e.hidden=!0,e.replaceChildren();return}e.hidden=!1,e.replaceChildren(r("div",{class:"sw-muted"},`attributing the next token after pos ${a}\u2026`));try{let s=await $(t.invoke,"attribute",{text:t.text(),position:a});c===n&&i(s)}catch(s){if(c!==n)return;e.replaceChildren(r("div",{class:"sw-error-text",attrs:{role:"alert"}},String(s instanceof Error?s.message:s)))}};return{el:e,show:a=>void u(a)}}function bt(t){let e=k(t.get("acts")),n=t.get("features"),o=new Set(t.get("special")??[]);t.get("bos")===!0&&o.add(0);let i=n.map((u,a)=>{let c=0;for(let s=0;s<e.shape[0];s++)o.has(s)||(c=Math.max(c,e.data[s*n.length+a]));return c});return{tokens:t.get("tokens"),acts:e,features:n,topIds:k(t.get("top_ids")),topVals:k(t.get("top_vals")),labels:t.get("labels")??{},vmax:i,special:o}}function I(t,e){let n=t.labels[String(e)];return n?`#${e} ${n}`:`#${e}`}function X(t){let e=r("span",{class:"sw-swatch"});return e.style.background=`rgb(${t[0]}, ${t[1]}, ${t[2]})`,e}function mt(t,e,n){let o=n===null?-1:t.features.indexOf(n);if(o>=0)return o;let i=_(t.acts,e),u=0;for(let a=1;a<i.length;a++)N(i[a],t.vmax[a])>N(i[u],t.vmax[u])&&(u=a);return u}function ht(t,e,n){let o=_(t.acts,e),i=r("table",{});t.features.forEach((s,d)=>{let l=r("tr",{},r("td",{},X(L(d))),r("td",{},I(t,s)),r("td",{class:"sw-num"},A(o[d])));s===n&&(l.style.fontWeight="600"),i.append(l)});let u=r("table",{class:"sw-tv-top"}),a=_(t.topIds,e),c=_(t.topVals,e);for(let s=0;s<a.length;s++)c[s]>0&&u.append(r("tr",{},r("td",{},I(t,a[s])),r("td",{class:"sw-num"},A(c[s]))));return r("div",{},r("div",{class:"sw-tip-head"},r("b",{},M(t.tokens[e])),r("span",{class:"sw-muted"},`  pos ${e}`)),t.special.has(e)?r("div",{class:"sw-muted"},"special token: drawn grey, left out of the colour scale"):null,i,r("h4",{},`Top ${a.length} features here`),u.childElementCount>0?u:r("div",{class:"sw-muted"},"no feature fires"))}function wt({model:t,el:e,experimental:n}){let o=G(t,n),i=r("div",{class:"sw-root sw-tokenview"});U(i,D+q);let u=W(),a=r("div",{class:"sw-tv-legend"}),c=r("div",{class:"sw-tv-text",attrs:{"data-testid":"tokens"}});i.append(u.el),e.replaceChildren(i);let s=z(i),d=t.get("_standalone")===!0,l=null;if(t.get("live")===!0&&!d){let f=r("textarea",{attrs:{spellcheck:"false","aria-label":"Text to run"}}),m=r("span",{class:"sw-muted"});f.value=String(t.get("text")??"");let b,p=0,v=async()=>{let E=++p;m.textContent="running\u2026";try{await $(o,"run",{text:f.value}),E===p&&u.show("")}catch(x){E===p&&u.show(String(x instanceof Error?x.message:x))}finally{E===p&&(m.textContent="")}};f.addEventListener("input",()=>{clearTimeout(b),b=setTimeout(v,600)}),t.on("change:text",()=>{document.activeElement!==f&&(f.value=String(t.get("text")??""))}),i.append(r("div",{class:"sw-tv-editor"},f,m))}i.append(a,c);let h=t.get("attributable")===!0?Y({invoke:o,text:()=>String(t.get("text")??""),name:f=>l===null?`#${f}`:I(l,f),open:f=>{t.set("open_feature",-1),t.set("open_feature",f),t.save_changes()}}):null;h!==null&&i.append(h.el);let g=()=>{let f=t.get("selected_token");h?.show(l!==null&&f>=0&&f<l.tokens.length?f:null)},w=()=>{if(l===null)return;let f=t.get("focus"),m=t.get("selected_token");c.querySelectorAll(".sw-tok").forEach((b,p)=>{let v=mt(l,p,f),E=l.acts.data[p*l.features.length+v]??0,x=l.special.has(p);b.classList.toggle("sw-bos",x),b.style.background=x?"var(--jp-layout-color3, #e4e4e4)":H(L(v),E,l.vmax[v]??0),b.classList.toggle("sw-selected",p===m)})},y=()=>{if(l===null)return;let f=t.get("focus"),m=(p,v,E)=>{let x=r("button",{class:"sw-chip",attrs:{type:"button"}});return E!==null&&x.append(X(E)),x.append(p),x.setAttribute("aria-pressed",String(f===v)),x.addEventListener("click",()=>{t.set("focus",v),t.save_changes()}),x},b=l;a.replaceChildren(m("all",null,null),...b.features.map((p,v)=>m(`${I(b,p)} \xB7 max ${A(b.vmax[v])}`,p,L(v))))},T=()=>{try{l=bt(t),u.show(String(t.get("error")??""))}catch(f){l=null,u.show(`TokenView cannot draw its data: ${String(f)}`);return}c.replaceChildren(...l.tokens.map((f,m)=>{let b=r("span",{class:"sw-tok",attrs:{"data-i":String(m)}});for(let p of V(f))p.kind==="break"?b.append(r("br")):p.kind==="mark"?b.append(r("span",{class:"sw-ws"},p.text)):b.append(p.text);return b})),l.tokens.length===0&&c.append(r("span",{class:"sw-muted"},"(no tokens)")),y(),w(),g()},S=f=>f instanceof Element?f.closest(".sw-tok"):null;c.addEventListener("mouseover",f=>{let m=S(f.target);m===null||l===null||s.show(m,ht(l,Number(m.dataset.i),t.get("focus")))}),c.addEventListener("mouseleave",()=>s.hide()),c.addEventListener("scroll",()=>s.hide()),c.addEventListener("click",f=>{let m=S(f.target);if(m===null)return;let b=Number(m.dataset.i);t.set("selected_token",t.get("selected_token")===b?-1:b),t.save_changes()});let J=()=>T(),Q=()=>{y(),w()},B=()=>u.show(String(t.get("error")??""));t.on("change:selected_token",g);let Z=R(t,["tokens","acts","features","top_ids","top_vals","labels","special"].map(f=>`change:${f}`),J),tt=R(t,["change:focus","change:selected_token"],Q);return t.on("change:error",B),T(),()=>{Z(),tt(),t.off("change:selected_token",g),t.off("change:error",B)}}var qt={render:wt};export{qt as default};
