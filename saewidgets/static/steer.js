var S=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;function i(e,t={},...n){let r=document.createElement(e);t.class!==void 0&&(r.className=t.class),t.title!==void 0&&(r.title=t.title);for(let[o,s]of Object.entries(t.attrs??{}))r.setAttribute(o,s);for(let o of n)o==null||o===!1||r.append(typeof o=="string"?document.createTextNode(o):o);return r}function T(e,t){e.append(i("style",{},t))}function R(){let e=i("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}function C(e,t,n){let r=t.find(o=>/\s/.test(o));if(r!==void 0)throw new Error(`one event per name, got "${r}"`);for(let o of t)e.on(o,n);return()=>{for(let o of t)e.off(o,n)}}var _="this view needs a running kernel; use .to_html() for a kernel-free copy",q="saewidgets-request",Y="saewidgets-response";function G(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var L=0;function J(){return L+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${L}`}function Q(e){return(t,n,r={})=>new Promise((o,s)=>{let a=e.send;if(typeof a!="function"){s(new Error(_));return}let l=J(),u=r.signal,p=(...g)=>{let h=g[0];h===null||typeof h!="object"||h.kind!==Y||h.id!==l||(d(),o([h.response,X(g[1])]))},f=()=>{d(),s(u?.reason??new Error("request aborted"))},d=()=>{e.off("msg:custom",p),u?.removeEventListener("abort",f)};if(u?.aborted){s(u.reason);return}u?.addEventListener("abort",f),e.on("msg:custom",p);try{a.call(e,{kind:q,id:l,name:t,msg:n},void 0,r.buffers??[])}catch(g){d(),s(g)}})}function X(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function Z(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function I(e,t){let n=t?.invoke;if(e.get("_standalone")===!0&&n!==void 0)return n;let r=Q(e),o=typeof n!="function",s=null,a=async(u,p,f)=>{if(!o&&n!==void 0)try{return await n(u,p,f)}catch(d){if(Z(d))throw d;o=!0}return r(u,p,f)},l=()=>{let u=G(e);return u!=="unknown"?Promise.resolve(u==="yes"):(s??(s=a("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),s)};return async(u,p,f)=>{if(!await l())throw new Error(_);return a(u,p,f)}}function m(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}function k(e){return e===0?"0%":`${m(e*100)}%`}var ee={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function w(e){let t=ee[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((a,l)=>a*l,1),r=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(r.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let o=r.byteOffset%t.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),s=o.buffer;return{data:new t(s,o.byteOffset,n),shape:e.shape}}function $(e,t,n){t.forEach((r,o)=>{if(r.length===0)throw new Error("empty buffer path");let s=e;for(let a of r.slice(0,-1))s=s[a];s[r[r.length-1]]=n[o]})}var te=12e4;async function y(e,t,n,r=te){let[o,s]=await e(t,n,{signal:AbortSignal.timeout(r)}),a=o??{};if(a.error!==void 0)throw new Error(String(a.error));let l={value:a.value};return $(l,(a.buffer_paths??[]).map(u=>["value",...u]),s),l.value}function N(e,t,n){return{prompt:e,chips:t.map(r=>({feature:r.feature,strength:r.strength,ablate:r.ablate})),max_new_tokens:Number.isFinite(n)?Math.max(0,Math.round(n)):0}}function H(e){return e.label?`#${e.feature} ${e.label}`:`#${e.feature}`}function j(e,t){return e.length===t.length&&e.every((n,r)=>n.feature===t[r].feature&&n.ablate===t[r].ablate)}function U(e,t){return`rgba(207, 34, 46, ${(.7*(t>0&&Number.isFinite(e)?Math.max(0,Math.min(1,e/t)):0)).toFixed(3)})`}function ne(e,t){let n=i("input",{attrs:{type:"range",min:String(-e.limit),max:String(e.limit),step:String(e.limit/100),"aria-label":`strength of feature ${e.feature}`,"data-feature":String(e.feature)}});n.value=String(e.strength),n.disabled=e.ablate;let r=i("span",{class:"sw-num sw-st-value"},m(e.strength));n.addEventListener("input",()=>{e.strength=Number(n.value),r.textContent=m(e.strength),t.strength()});let o=i("button",{class:"sw-chip",attrs:{type:"button","aria-pressed":String(e.ablate)}},"ablate");o.addEventListener("click",()=>{e.ablate=!e.ablate,t.ablate()});let s=i("button",{class:"sw-chip",attrs:{type:"button","aria-label":"remove"}},"\xD7");return s.addEventListener("click",()=>t.remove()),i("div",{class:"sw-st-chip"},i("span",{class:"sw-st-name"},H(e)),n,r,o,s)}function O(e){let t=i("div",{class:"sw-st-chips"}),n=[],r=()=>{t.replaceChildren(...n.map((o,s)=>ne(o,{strength:()=>e(250),ablate:()=>{r(),e(0)},remove:()=>{n.splice(s,1),r(),e(0)}})))};return{el:t,list:()=>n,add(o){for(let s of o)n.some(a=>a.feature===s.feature)||n.push(s);r()},replay(o){n=o.map(s=>({...n.find(a=>a.feature===s.feature)??{label:"",limit:Math.max(1,Math.abs(s.strength)*2)},...s})),r()},sync(o){let s=t.querySelectorAll('input[type="range"]');if(j(n,o)&&s.length===o.length){o.forEach((a,l)=>{n[l].strength=a.strength,s[l].value=String(a.strength);let u=s[l].nextElementSibling;u!==null&&(u.textContent=m(a.strength))});return}n=o,r()}}}function P(e,t,n){let r=i("input",{attrs:{type:"text",placeholder:"feature id or label","aria-label":"Add feature"}}),o=i("button",{class:"sw-chip",attrs:{type:"button"}},"add"),s=async()=>{let a=r.value.trim();if(a!=="")try{let l=await y(e,"find",{query:a});if(l.length===0)throw new Error(`no feature matches "${a}"`);r.value="",t(l)}catch(l){n(String(l instanceof Error?l.message:l))}};return o.addEventListener("click",()=>void s()),r.addEventListener("keydown",a=>{a.key==="Enter"&&s()}),[r,o]}function D(e){let t=i("div",{class:"sw-st-history"});return{el:t,update(n){if(t.replaceChildren(),!(n.length<2)){t.append(i("h4",{},"Runs so far"));for(let r of n){let o=r.chips.map(a=>a.ablate?`#${a.feature} ablated`:`#${a.feature} ${m(a.strength)}`).join(", "),s=i("button",{class:"sw-chip",attrs:{type:"button"}},o||"clean");s.addEventListener("click",()=>e(r)),t.append(s)}}}}}function re(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function oe(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(r,o)=>{let s=t[t.length-1];s!==void 0&&s.kind===r&&r!=="break"?s.text+=o:t.push({kind:r,text:o})};for(let r of e)r===`
`?(n("mark","\u21B5"),n("break",`
`)):r==="	"?n("mark","\u2192"):r==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(r)?n("mark",re(r)):n("text",r);return t}function E(e){return oe(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}function V(e,t,n,r){return i("div",{class:"sw-st-col"},i("h4",{},e),i("div",{class:"sw-st-text"},i("span",{class:"sw-muted"},t),i("span",{class:"sw-st-new",attrs:{"data-testid":r}},n)))}function se(e){let t=w(e.top.p_clean).data,n=w(e.top.p_after).data,r=i("table",{class:"sw-st-bars",attrs:{"data-testid":"next-tokens"}});return r.append(i("tr",{},i("th",{},"next token"),i("th",{},"clean"),i("th",{},"steered"),i("th",{},"change"))),e.top.token.forEach((o,s)=>{let a=(u,p)=>{let f=i("span",{class:`sw-st-bar ${p}`});return f.style.width=`${Math.round(Math.max(0,Math.min(1,u))*120)}px`,i("td",{},f,i("span",{class:"sw-num"},` ${k(u)}`))},l=n[s]-t[s];r.append(i("tr",{},i("td",{class:"sw-st-tok"},E(o)),a(t[s],"sw-st-clean"),a(n[s],"sw-st-after"),i("td",{class:l>=0?"sw-num sw-st-up":"sw-num sw-st-down"},`${l>=0?"+":""}${k(l)}`)))}),r}function ae(e){let t=w(e.kl).data,n=0;for(let o of t)n=Math.max(n,o);let r=i("div",{class:"sw-st-kl",attrs:{"data-testid":"kl"}});return e.tokens.forEach((o,s)=>{let a=i("span",{class:"sw-tok",title:`KL(clean || steered) at pos ${s}: ${m(t[s])}`},E(o));a.style.background=U(t[s],n),r.append(a)}),i("div",{},i("h4",{},`KL per position (max ${m(n)})`),r)}function B(){let e=i("div",{class:"sw-st-out"});return{el:e,update(t){if(t===null){e.replaceChildren(i("div",{class:"sw-muted"},"Type a prompt and add a feature."));return}let n=t.prompt;e.replaceChildren(i("div",{class:"sw-st-cols"},V("clean",n,t.text_clean,"text-clean"),V(t.kind==="none"?"unchanged":t.kind,n,t.text_after,"text-after")),se(t),ae(t))}}}function F(e,t){let n=0,r=0,o=!1,s,a=async l=>{let u=++n;r+=1,t.running(!0);try{let p=await y(e,"run",l);if(u!==n)return;t.report(""),t.draw(p)}catch(p){u===n&&t.report(String(p instanceof Error?p.message:p))}finally{r-=1,u===n&&t.running(!1)}};return{run:a,schedule(l){clearTimeout(s),o=!0,s=setTimeout(()=>{o=!1,a(t.current())},l)},busy:()=>o||r>0,destroy:()=>clearTimeout(s)}}var K=`.sw-steer textarea { width: 100%; font-family: var(--jp-code-font-family, ui-monospace, monospace); font-size: 12px; }
.sw-st-row { display: flex; align-items: center; gap: 8px; margin: 4px 0; flex-wrap: wrap; }
.sw-st-row input[type="number"] { width: 4em; }
.sw-st-chips { display: flex; flex-direction: column; gap: 4px; margin: 6px 0; }
.sw-st-chip { display: flex; align-items: center; gap: 8px; }
.sw-st-chip input[type="range"] { width: 220px; }
.sw-st-name { min-width: 8em; font-weight: 600; }
.sw-st-value { min-width: 4em; text-align: right; font-variant-numeric: tabular-nums; }
.sw-st-cols { display: flex; gap: 16px; }
.sw-st-col { flex: 1 1 0; min-width: 0; }
.sw-st-col h4, .sw-steer h4 { margin: 6px 0 2px; font-size: 12px; font-weight: 600; }
.sw-st-text { white-space: pre-wrap; font-family: var(--jp-code-font-family, ui-monospace, monospace); font-size: 12px; border: 1px solid var(--jp-border-color2, #d0d7de); border-radius: 4px; padding: 6px; }
.sw-st-new { font-weight: 600; }
.sw-st-bars { border-collapse: collapse; font-size: 12px; margin-top: 6px; }
.sw-st-bars td, .sw-st-bars th { padding: 0 8px 0 0; text-align: left; white-space: nowrap; }
.sw-st-bar { display: inline-block; height: 9px; vertical-align: middle; }
.sw-st-clean { background: #8c959f; }
.sw-st-after { background: #0969da; }
.sw-st-up { color: #1a7f37; }
.sw-st-down { color: #cf222e; }
.sw-st-tok { font-family: var(--jp-code-font-family, ui-monospace, monospace); }
.sw-st-kl .sw-tok { font-family: var(--jp-code-font-family, ui-monospace, monospace); font-size: 12px; white-space: pre; border-radius: 2px; }
.sw-st-history { margin-top: 6px; display: flex; gap: 4px; flex-wrap: wrap; align-items: center; }
`;function le({model:e,el:t,experimental:n}){let r=I(e,n),o=i("div",{class:"sw-root sw-steer"});T(o,S+K);let s=R(),a=i("textarea",{attrs:{spellcheck:"false","aria-label":"Prompt",rows:"2"}}),l=i("input",{attrs:{type:"number",min:"0",max:"64","aria-label":"New tokens"}}),u=i("span",{class:"sw-muted",attrs:{"data-testid":"status"}}),p=B(),f=O(c=>d.schedule(c)),d=F(r,{current:()=>N(a.value,f.list(),Number(l.value)),draw:p.update,report:s.show,running:c=>{u.textContent=c?"running\u2026":""}}),h=P(r,c=>{f.add(c),d.schedule(0)},s.show),M=D(c=>{a.value=c.prompt,l.value=String(c.max_new_tokens),f.replay(c.chips),d.run(c)});o.append(s.el,i("div",{class:"sw-st-row"},a),i("div",{class:"sw-st-row"},i("label",{},"new tokens ",l),...h,u),f.el,p.el,M.el),t.replaceChildren(o),a.addEventListener("input",()=>d.schedule(600)),l.addEventListener("change",()=>d.schedule(0));let A=()=>{d.busy()||(document.activeElement!==a&&(a.value=String(e.get("prompt")??"")),l.value=String(e.get("max_new_tokens")??20),f.sync((e.get("chips")??[]).map(c=>({...c}))))},b=()=>p.update(e.get("result")??null),x=()=>s.show(String(e.get("error")??"")),v=()=>M.update(e.get("history")??[]);A(),b(),x(),v();let z=C(e,["change:chips","change:prompt","change:max_new_tokens"],A);return e.on("change:result",b),e.on("change:error",x),e.on("change:history",v),()=>{d.destroy(),z(),e.off("change:result",b),e.off("change:error",x),e.off("change:history",v)}}var We={render:le};export{We as default};
