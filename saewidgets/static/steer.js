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
`;function i(e,t={},...n){let r=document.createElement(e);t.class!==void 0&&(r.className=t.class),t.title!==void 0&&(r.title=t.title);for(let[s,o]of Object.entries(t.attrs??{}))r.setAttribute(s,o);for(let s of n)s==null||s===!1||r.append(typeof s=="string"?document.createTextNode(s):s);return r}function T(e,t){e.append(i("style",{},t))}function R(){let e=i("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}function C(e,t,n){for(let r of t)e.on(r,n);return()=>{for(let r of t)e.off(r,n)}}var _="this view needs a running kernel; use .to_html() for a kernel-free copy",q="saewidgets-request",Y="saewidgets-response";function G(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var L=0;function J(){return L+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${L}`}function Q(e){return(t,n,r={})=>new Promise((s,o)=>{let a=e.send;if(typeof a!="function"){o(new Error(_));return}let l=J(),u=r.signal,p=(...g)=>{let h=g[0];h===null||typeof h!="object"||h.kind!==Y||h.id!==l||(d(),s([h.response,X(g[1])]))},f=()=>{d(),o(u?.reason??new Error("request aborted"))},d=()=>{e.off("msg:custom",p),u?.removeEventListener("abort",f)};if(u?.aborted){o(u.reason);return}u?.addEventListener("abort",f),e.on("msg:custom",p);try{a.call(e,{kind:q,id:l,name:t,msg:n},void 0,r.buffers??[])}catch(g){d(),o(g)}})}function X(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function Z(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function I(e,t){let n=t?.invoke;if(e.get("_standalone")===!0&&n!==void 0)return n;let r=Q(e),s=typeof n!="function",o=null,a=async(u,p,f)=>{if(!s&&n!==void 0)try{return await n(u,p,f)}catch(d){if(Z(d))throw d;s=!0}return r(u,p,f)},l=()=>{let u=G(e);return u!=="unknown"?Promise.resolve(u==="yes"):(o??(o=a("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),o)};return async(u,p,f)=>{if(!await l())throw new Error(_);return a(u,p,f)}}function m(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(n).replace("-","\u2212")}function k(e){return e===0?"0%":`${m(e*100)}%`}var ee={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function w(e){let t=ee[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let n=e.shape.reduce((a,l)=>a*l,1),r=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(r.byteLength!==n*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${n*t.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let s=r.byteOffset%t.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),o=s.buffer;return{data:new t(o,s.byteOffset,n),shape:e.shape}}function N(e,t,n){t.forEach((r,s)=>{if(r.length===0)throw new Error("empty buffer path");let o=e;for(let a of r.slice(0,-1))o=o[a];o[r[r.length-1]]=n[s]})}var te=12e4;async function y(e,t,n,r=te){let[s,o]=await e(t,n,{signal:AbortSignal.timeout(r)}),a=s??{};if(a.error!==void 0)throw new Error(String(a.error));let l={value:a.value};return N(l,(a.buffer_paths??[]).map(u=>["value",...u]),o),l.value}function $(e,t,n){return{prompt:e,chips:t.map(r=>({feature:r.feature,strength:r.strength,ablate:r.ablate})),max_new_tokens:Number.isFinite(n)?Math.max(0,Math.round(n)):0}}function H(e){return e.label?`#${e.feature} ${e.label}`:`#${e.feature}`}function j(e,t){return e.length===t.length&&e.every((n,r)=>n.feature===t[r].feature&&n.ablate===t[r].ablate)}function U(e,t){return`rgba(207, 34, 46, ${(.7*(t>0&&Number.isFinite(e)?Math.max(0,Math.min(1,e/t)):0)).toFixed(3)})`}function ne(e,t){let n=i("input",{attrs:{type:"range",min:String(-e.limit),max:String(e.limit),step:String(e.limit/100),"aria-label":`strength of feature ${e.feature}`,"data-feature":String(e.feature)}});n.value=String(e.strength),n.disabled=e.ablate;let r=i("span",{class:"sw-num sw-st-value"},m(e.strength));n.addEventListener("input",()=>{e.strength=Number(n.value),r.textContent=m(e.strength),t.strength()});let s=i("button",{class:"sw-chip",attrs:{type:"button","aria-pressed":String(e.ablate)}},"ablate");s.addEventListener("click",()=>{e.ablate=!e.ablate,t.ablate()});let o=i("button",{class:"sw-chip",attrs:{type:"button","aria-label":"remove"}},"\xD7");return o.addEventListener("click",()=>t.remove()),i("div",{class:"sw-st-chip"},i("span",{class:"sw-st-name"},H(e)),n,r,s,o)}function O(e){let t=i("div",{class:"sw-st-chips"}),n=[],r=()=>{t.replaceChildren(...n.map((s,o)=>ne(s,{strength:()=>e(250),ablate:()=>{r(),e(0)},remove:()=>{n.splice(o,1),r(),e(0)}})))};return{el:t,list:()=>n,add(s){for(let o of s)n.some(a=>a.feature===o.feature)||n.push(o);r()},replay(s){n=s.map(o=>({...n.find(a=>a.feature===o.feature)??{label:"",limit:Math.max(1,Math.abs(o.strength)*2)},...o})),r()},sync(s){let o=t.querySelectorAll('input[type="range"]');if(j(n,s)&&o.length===s.length){s.forEach((a,l)=>{n[l].strength=a.strength,o[l].value=String(a.strength);let u=o[l].nextElementSibling;u!==null&&(u.textContent=m(a.strength))});return}n=s,r()}}}function P(e,t,n){let r=i("input",{attrs:{type:"text",placeholder:"feature id or label","aria-label":"Add feature"}}),s=i("button",{class:"sw-chip",attrs:{type:"button"}},"add"),o=async()=>{let a=r.value.trim();if(a!=="")try{let l=await y(e,"find",{query:a});if(l.length===0)throw new Error(`no feature matches "${a}"`);r.value="",t(l)}catch(l){n(String(l instanceof Error?l.message:l))}};return s.addEventListener("click",()=>void o()),r.addEventListener("keydown",a=>{a.key==="Enter"&&o()}),[r,s]}function D(e){let t=i("div",{class:"sw-st-history"});return{el:t,update(n){if(t.replaceChildren(),!(n.length<2)){t.append(i("h4",{},"Runs so far"));for(let r of n){let s=r.chips.map(a=>a.ablate?`#${a.feature} ablated`:`#${a.feature} ${m(a.strength)}`).join(", "),o=i("button",{class:"sw-chip",attrs:{type:"button"}},s||"clean");o.addEventListener("click",()=>e(r)),t.append(o)}}}}}function re(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function oe(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],n=(r,s)=>{let o=t[t.length-1];o!==void 0&&o.kind===r&&r!=="break"?o.text+=s:t.push({kind:r,text:s})};for(let r of e)r===`
`?(n("mark","\u21B5"),n("break",`
`)):r==="	"?n("mark","\u2192"):r==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(r)?n("mark",re(r)):n("text",r);return t}function E(e){return oe(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}function V(e,t,n,r){return i("div",{class:"sw-st-col"},i("h4",{},e),i("div",{class:"sw-st-text"},i("span",{class:"sw-muted"},t),i("span",{class:"sw-st-new",attrs:{"data-testid":r}},n)))}function se(e){let t=w(e.top.p_clean).data,n=w(e.top.p_after).data,r=i("table",{class:"sw-st-bars",attrs:{"data-testid":"next-tokens"}});return r.append(i("tr",{},i("th",{},"next token"),i("th",{},"clean"),i("th",{},"steered"),i("th",{},"change"))),e.top.token.forEach((s,o)=>{let a=(u,p)=>{let f=i("span",{class:`sw-st-bar ${p}`});return f.style.width=`${Math.round(Math.max(0,Math.min(1,u))*120)}px`,i("td",{},f,i("span",{class:"sw-num"},` ${k(u)}`))},l=n[o]-t[o];r.append(i("tr",{},i("td",{class:"sw-st-tok"},E(s)),a(t[o],"sw-st-clean"),a(n[o],"sw-st-after"),i("td",{class:l>=0?"sw-num sw-st-up":"sw-num sw-st-down"},`${l>=0?"+":""}${k(l)}`)))}),r}function ae(e){let t=w(e.kl).data,n=0;for(let s of t)n=Math.max(n,s);let r=i("div",{class:"sw-st-kl",attrs:{"data-testid":"kl"}});return e.tokens.forEach((s,o)=>{let a=i("span",{class:"sw-tok",title:`KL(clean || steered) at pos ${o}: ${m(t[o])}`},E(s));a.style.background=U(t[o],n),r.append(a)}),i("div",{},i("h4",{},`KL per position (max ${m(n)})`),r)}function B(){let e=i("div",{class:"sw-st-out"});return{el:e,update(t){if(t===null){e.replaceChildren(i("div",{class:"sw-muted"},"Type a prompt and add a feature."));return}let n=t.prompt;e.replaceChildren(i("div",{class:"sw-st-cols"},V("clean",n,t.text_clean,"text-clean"),V(t.kind==="none"?"unchanged":t.kind,n,t.text_after,"text-after")),se(t),ae(t))}}}function F(e,t){let n=0,r=0,s=!1,o,a=async l=>{let u=++n;r+=1,t.running(!0);try{let p=await y(e,"run",l);if(u!==n)return;t.report(""),t.draw(p)}catch(p){u===n&&t.report(String(p instanceof Error?p.message:p))}finally{r-=1,u===n&&t.running(!1)}};return{run:a,schedule(l){clearTimeout(o),s=!0,o=setTimeout(()=>{s=!1,a(t.current())},l)},busy:()=>s||r>0,destroy:()=>clearTimeout(o)}}var K=`.sw-steer textarea { width: 100%; font-family: var(--jp-code-font-family, ui-monospace, monospace); font-size: 12px; }
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
`;function le({model:e,el:t,experimental:n}){let r=I(e,n),s=i("div",{class:"sw-root sw-steer"});T(s,S+K);let o=R(),a=i("textarea",{attrs:{spellcheck:"false","aria-label":"Prompt",rows:"2"}}),l=i("input",{attrs:{type:"number",min:"0",max:"64","aria-label":"New tokens"}}),u=i("span",{class:"sw-muted",attrs:{"data-testid":"status"}}),p=B(),f=O(c=>d.schedule(c)),d=F(r,{current:()=>$(a.value,f.list(),Number(l.value)),draw:p.update,report:o.show,running:c=>{u.textContent=c?"running\u2026":""}}),h=P(r,c=>{f.add(c),d.schedule(0)},o.show),M=D(c=>{a.value=c.prompt,l.value=String(c.max_new_tokens),f.replay(c.chips),d.run(c)});s.append(o.el,i("div",{class:"sw-st-row"},a),i("div",{class:"sw-st-row"},i("label",{},"new tokens ",l),...h,u),f.el,p.el,M.el),t.replaceChildren(s),a.addEventListener("input",()=>d.schedule(600)),l.addEventListener("change",()=>d.schedule(0));let A=()=>{d.busy()||(document.activeElement!==a&&(a.value=String(e.get("prompt")??"")),l.value=String(e.get("max_new_tokens")??20),f.sync((e.get("chips")??[]).map(c=>({...c}))))},b=()=>p.update(e.get("result")??null),x=()=>o.show(String(e.get("error")??"")),v=()=>M.update(e.get("history")??[]);A(),b(),x(),v();let z=C(e,["change:chips","change:prompt","change:max_new_tokens"],A);return e.on("change:result",b),e.on("change:error",x),e.on("change:history",v),()=>{d.destroy(),z(),e.off("change:result",b),e.off("change:error",x),e.off("change:history",v)}}var We={render:le};export{We as default};
