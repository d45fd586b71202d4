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
`;var rt={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function A(t){let e=rt[t.dtype];if(e===void 0)throw new Error(`unsupported dtype ${String(t.dtype)}`);let r=t.shape.reduce((l,c)=>l*c,1),n=t.data instanceof ArrayBuffer?new Uint8Array(t.data):new Uint8Array(t.data.buffer,t.data.byteOffset,t.data.byteLength);if(n.byteLength!==r*e.BYTES_PER_ELEMENT)throw new Error(`array of shape [${t.shape.join(", ")}] ${t.dtype} needs ${r*e.BYTES_PER_ELEMENT} bytes, got ${n.byteLength}`);let a=n.byteOffset%e.BYTES_PER_ELEMENT===0?n:new Uint8Array(n.slice()),i=a.buffer;return{data:new e(i,a.byteOffset,r),shape:t.shape}}function B(t,e,r){e.forEach((n,a)=>{if(n.length===0)throw new Error("empty buffer path");let i=t;for(let l of n.slice(0,-1))i=i[l];i[n[n.length-1]]=r[a]})}function o(t,e={},...r){let n=document.createElement(t);e.class!==void 0&&(n.className=e.class),e.title!==void 0&&(n.title=e.title);for(let[a,i]of Object.entries(e.attrs??{}))n.setAttribute(a,i);for(let a of r)a==null||a===!1||n.append(typeof a=="string"?document.createTextNode(a):a);return n}function K(t,e){t.append(o("style",{},e))}function V(){let t=o("div",{class:"sw-error",attrs:{role:"alert"}});return t.hidden=!0,{el:t,show(e){t.textContent=e,t.hidden=e===""}}}function F(t,e,r){let n=e.find(a=>/\s/.test(a));if(n!==void 0)throw new Error(`one event per name, got "${n}"`);for(let a of e)t.on(a,r);return()=>{for(let a of e)t.off(a,r)}}function x(t){if(Number.isNaN(t))return"NaN";if(!Number.isFinite(t))return t>0?"\u221E":"\u2212\u221E";if(t===0)return"0";let e=Math.abs(t);if(e<.001||e>=1e6)return t.toExponential(2).replace("-","\u2212");let r=Math.max(0,2-Math.floor(Math.log10(e)));return t.toFixed(r).replace("-","\u2212")}function $(t){return t===0?"0%":`${x(t*100)}%`}var W="this view needs a running kernel; use .to_html() for a kernel-free copy",ot="saewidgets-request",st="saewidgets-response";function at(t){let e=t.widget_manager;return e==null?"yes":"kernel"in e?e.kernel===null||e.kernel===void 0?"no":"yes":"unknown"}var z=0;function it(){return z+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${z}`}function lt(t){return(e,r,n={})=>new Promise((a,i)=>{let l=t.send;if(typeof l!="function"){i(new Error(W));return}let c=it(),p=n.signal,g=(...y)=>{let h=y[0];h===null||typeof h!="object"||h.kind!==st||h.id!==c||(b(),a([h.response,ut(y[1])]))},m=()=>{b(),i(p?.reason??new Error("request aborted"))},b=()=>{t.off("msg:custom",g),p?.removeEventListener("abort",m)};if(p?.aborted){i(p.reason);return}p?.addEventListener("abort",m),t.on("msg:custom",g);try{l.call(t,{kind:ot,id:c,name:e,msg:r},void 0,n.buffers??[])}catch(y){b(),i(y)}})}function ut(t){return Array.isArray(t)?t.map(e=>{if(e instanceof DataView)return e;if(e instanceof ArrayBuffer)return new DataView(e);if(ArrayBuffer.isView(e))return new DataView(e.buffer,e.byteOffset,e.byteLength);throw new Error("a response buffer is not binary")}):[]}function ft(t){return t instanceof Error&&(t.name==="TimeoutError"||t.name==="AbortError")}function q(t,e){let r=e?.invoke;if(t.get("_standalone")===!0&&r!==void 0)return r;let n=lt(t),a=typeof r!="function",i=null,l=async(p,g,m)=>{if(!a&&r!==void 0)try{return await r(p,g,m)}catch(b){if(ft(b))throw b;a=!0}return n(p,g,m)},c=()=>{let p=at(t);return p!=="unknown"?Promise.resolve(p==="yes"):(i??(i=l("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),i)};return async(p,g,m)=>{if(!await c())throw new Error(W);return l(p,g,m)}}var pt=12e4;async function N(t,e,r,n=pt){let[a,i]=await t(e,r,{signal:AbortSignal.timeout(n)}),l=a??{};if(l.error!==void 0)throw new Error(String(l.error));let c={value:l.value};return B(c,(l.buffer_paths??[]).map(p=>["value",...p]),i),c.value}function ct(t){let e=t.charCodeAt(0);return e===127?"\u2421":String.fromCharCode(9216+e)}function dt(t){if(t.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(t))return[{kind:"mark",text:"\xB7".repeat(t.length)}];let e=[],r=(n,a)=>{let i=e[e.length-1];i!==void 0&&i.kind===n&&n!=="break"?i.text+=a:e.push({kind:n,text:a})};for(let n of t)n===`
`?(r("mark","\u21B5"),r("break",`
`)):n==="	"?r("mark","\u2192"):n==="\r"?r("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(n)?r("mark",ct(n)):r("text",n);return e}function I(t){return dt(t).filter(e=>e.kind!=="break").map(e=>e.text).join("")}function Y(t,e,r){return{prompt:t,chips:e.map(n=>({feature:n.feature,strength:n.strength,ablate:n.ablate})),max_new_tokens:Number.isFinite(r)?Math.max(0,Math.round(r)):0}}function G(t){return t.label?`#${t.feature} ${t.label}`:`#${t.feature}`}function J(t,e){return t.length===e.length&&t.every((r,n)=>r.feature===e[n].feature&&r.ablate===e[n].ablate)}function Q(t,e){return`rgba(207, 34, 46, ${(.7*(e>0&&Number.isFinite(t)?Math.max(0,Math.min(1,t/e)):0)).toFixed(3)})`}var X=`.sw-steer textarea { width: 100%; font-family: var(--jp-code-font-family, ui-monospace, monospace); font-size: 12px; }
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
`;function Z(t,e,r,n){return o("div",{class:"sw-st-col"},o("h4",{},t),o("div",{class:"sw-st-text"},o("span",{class:"sw-muted"},e),o("span",{class:"sw-st-new",attrs:{"data-testid":n}},r)))}function gt(t){let e=A(t.top.p_clean).data,r=A(t.top.p_after).data,n=o("table",{class:"sw-st-bars",attrs:{"data-testid":"next-tokens"}});return n.append(o("tr",{},o("th",{},"next token"),o("th",{},"clean"),o("th",{},"steered"),o("th",{},"change"))),t.top.token.forEach((a,i)=>{let l=(p,g)=>{let m=o("span",{class:`sw-st-bar ${g}`});return m.style.width=`${Math.round(Math.max(0,Math.min(1,p))*120)}px`,o("td",{},m,o("span",{class:"sw-num"},` ${$(p)}`))},c=r[i]-e[i];n.append(o("tr",{},o("td",{class:"sw-st-tok"},I(a)),l(e[i],"sw-st-clean"),l(r[i],"sw-st-after"),o("td",{class:c>=0?"sw-num sw-st-up":"sw-num sw-st-down"},`${c>=0?"+":""}${$(c)}`)))}),n}function ht(t){let e=A(t.kl).data,r=0;for(let a of e)r=Math.max(r,a);let n=o("div",{class:"sw-st-kl",attrs:{"data-testid":"kl"}});return t.tokens.forEach((a,i)=>{let l=o("span",{class:"sw-tok",title:`KL(clean || steered) at pos ${i}: ${x(e[i])}`},I(a));l.style.background=Q(e[i],r),n.append(l)}),o("div",{},o("h4",{},`KL per position (max ${x(r)})`),n)}function wt({model:t,el:e,experimental:r}){let n=q(t,r),a=o("div",{class:"sw-root sw-steer"});K(a,D+X);let i=V(),l=o("textarea",{attrs:{spellcheck:"false","aria-label":"Prompt",rows:"2"}}),c=o("input",{attrs:{type:"number",min:"0",max:"64","aria-label":"New tokens"}}),p=o("span",{class:"sw-muted",attrs:{"data-testid":"status"}}),g=o("div",{class:"sw-st-chips"}),m=o("input",{attrs:{type:"text",placeholder:"feature id or label","aria-label":"Add feature"}}),b=o("button",{class:"sw-chip",attrs:{type:"button"}},"add"),y=o("div",{class:"sw-st-out"}),h=o("div",{class:"sw-st-history"});a.append(i.el,o("div",{class:"sw-st-row"},l),o("div",{class:"sw-st-row"},o("label",{},"new tokens ",c),m,b,p),g,y,h),e.replaceChildren(a);let w=[],M=0,S=0,T,j=s=>{if(s===null){y.replaceChildren(o("div",{class:"sw-muted"},"Type a prompt and add a feature."));return}let u=s.prompt;y.replaceChildren(o("div",{class:"sw-st-cols"},Z("clean",u,s.text_clean,"text-clean"),Z(s.kind==="none"?"unchanged":s.kind,u,s.text_after,"text-after")),gt(s),ht(s))},U=async s=>{let u=++M;S+=1,p.textContent="running\u2026";try{let f=await N(n,"run",s);if(u!==M)return;i.show(""),j(f)}catch(f){u===M&&i.show(String(f instanceof Error?f.message:f))}finally{S-=1,u===M&&(p.textContent="")}},tt=()=>Y(l.value,w,Number(c.value)),_=!1,v=(s=250)=>{clearTimeout(T),_=!0,T=setTimeout(()=>{_=!1,U(tt())},s)},E=()=>{g.replaceChildren(...w.map((s,u)=>{let f=o("input",{attrs:{type:"range",min:String(-s.limit),max:String(s.limit),step:String(s.limit/100),"aria-label":`strength of feature ${s.feature}`,"data-feature":String(s.feature)}});f.value=String(s.strength),f.disabled=s.ablate;let d=o("span",{class:"sw-num sw-st-value"},x(s.strength));f.addEventListener("input",()=>{s.strength=Number(f.value),d.textContent=x(s.strength),v()});let k=o("button",{class:"sw-chip",attrs:{type:"button","aria-pressed":String(s.ablate)}},"ablate");k.addEventListener("click",()=>{s.ablate=!s.ablate,E(),v(0)});let P=o("button",{class:"sw-chip",attrs:{type:"button","aria-label":"remove"}},"\xD7");return P.addEventListener("click",()=>{w.splice(u,1),E(),v(0)}),o("div",{class:"sw-st-chip"},o("span",{class:"sw-st-name"},G(s)),f,d,k,P)}))},O=async()=>{let s=m.value.trim();if(s!=="")try{let u=await N(n,"find",{query:s});if(u.length===0)throw new Error(`no feature matches "${s}"`);for(let f of u)w.some(d=>d.feature===f.feature)||w.push(f);m.value="",E(),v(0)}catch(u){i.show(String(u instanceof Error?u.message:u))}};b.addEventListener("click",()=>void O()),m.addEventListener("keydown",s=>{s.key==="Enter"&&O()}),l.addEventListener("input",()=>v(600)),c.addEventListener("change",()=>v(0));let C=()=>{let s=t.get("history")??[];if(h.replaceChildren(),!(s.length<2)){h.append(o("h4",{},"Runs so far"));for(let u of s){let f=o("button",{class:"sw-chip",attrs:{type:"button"}},u.chips.map(d=>d.ablate?`#${d.feature} ablated`:`#${d.feature} ${x(d.strength)}`).join(", ")||"clean");f.addEventListener("click",()=>{l.value=u.prompt,c.value=String(u.max_new_tokens),w=u.chips.map(d=>({...w.find(k=>k.feature===d.feature)??{label:"",limit:Math.max(1,Math.abs(d.strength)*2)},...d})),E(),U(u)}),h.append(f)}}},H=()=>{if(_||S>0)return;document.activeElement!==l&&(l.value=String(t.get("prompt")??"")),c.value=String(t.get("max_new_tokens")??20);let s=(t.get("chips")??[]).map(f=>({...f})),u=g.querySelectorAll('input[type="range"]');if(J(w,s)&&u.length===s.length){s.forEach((f,d)=>{w[d].strength=f.strength,u[d].value=String(f.strength);let k=u[d].nextElementSibling;k!==null&&(k.textContent=x(f.strength))});return}w=s,E()},L=()=>j(t.get("result")??null),R=()=>i.show(String(t.get("error")??""));H(),L(),R(),C();let et=F(t,["change:chips","change:prompt","change:max_new_tokens"],H);return t.on("change:result",L),t.on("change:error",R),t.on("change:history",C),()=>{clearTimeout(T),et(),t.off("change:result",L),t.off("change:error",R),t.off("change:history",C)}}var Pt={render:wt};export{Pt as default};
