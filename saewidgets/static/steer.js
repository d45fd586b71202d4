var U=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;var te={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function A(e){let t=te[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let s=e.shape.reduce((l,f)=>l*f,1),n=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(n.byteLength!==s*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${s*t.BYTES_PER_ELEMENT} bytes, got ${n.byteLength}`);let i=n.byteOffset%t.BYTES_PER_ELEMENT===0?n:new Uint8Array(n.slice()),o=i.buffer;return{data:new t(o,i.byteOffset,s),shape:e.shape}}function B(e,t,s){t.forEach((n,i)=>{if(n.length===0)throw new Error("empty buffer path");let o=e;for(let l of n.slice(0,-1))o=o[l];o[n[n.length-1]]=s[i]})}function r(e,t={},...s){let n=document.createElement(e);t.class!==void 0&&(n.className=t.class),t.title!==void 0&&(n.title=t.title);for(let[i,o]of Object.entries(t.attrs??{}))n.setAttribute(i,o);for(let i of s)i==null||i===!1||n.append(typeof i=="string"?document.createTextNode(i):i);return n}function K(e,t){e.append(r("style",{},t))}function V(){let e=r("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}function x(e){if(Number.isNaN(e))return"NaN";if(!Number.isFinite(e))return e>0?"\u221E":"\u2212\u221E";if(e===0)return"0";let t=Math.abs(e);if(t<.001||t>=1e6)return e.toExponential(2).replace("-","\u2212");let s=Math.max(0,2-Math.floor(Math.log10(t)));return e.toFixed(s).replace("-","\u2212")}function $(e){return e===0?"0%":`${x(e*100)}%`}var F="this view needs a running kernel; use .to_html() for a kernel-free copy",ne="saewidgets-request",re="saewidgets-response";function se(e){let t=e.widget_manager;return t==null?"yes":"kernel"in t?t.kernel===null||t.kernel===void 0?"no":"yes":"unknown"}var z=0;function ae(){return z+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${z}`}function oe(e){return(t,s,n={})=>new Promise((i,o)=>{let l=e.send;if(typeof l!="function"){o(new Error(F));return}let f=ae(),p=n.signal,g=(...y)=>{let h=y[0];h===null||typeof h!="object"||h.kind!==re||h.id!==f||(b(),i([h.response,ie(y[1])]))},m=()=>{b(),o(p?.reason??new Error("request aborted"))},b=()=>{e.off("msg:custom",g),p?.removeEventListener("abort",m)};if(p?.aborted){o(p.reason);return}p?.addEventListener("abort",m),e.on("msg:custom",g);try{l.call(e,{kind:ne,id:f,name:t,msg:s},void 0,n.buffers??[])}catch(y){b(),o(y)}})}function ie(e){return Array.isArray(e)?e.map(t=>{if(t instanceof DataView)return t;if(t instanceof ArrayBuffer)return new DataView(t);if(ArrayBuffer.isView(t))return new DataView(t.buffer,t.byteOffset,t.byteLength);throw new Error("a response buffer is not binary")}):[]}function le(e){return e instanceof Error&&(e.name==="TimeoutError"||e.name==="AbortError")}function q(e,t){let s=t?.invoke,n=oe(e),i=typeof s!="function",o=null,l=async(p,g,m)=>{if(!i&&s!==void 0)try{return await s(p,g,m)}catch(b){if(le(b))throw b;i=!0}return n(p,g,m)},f=()=>{let p=se(e);return p!=="unknown"?Promise.resolve(p==="yes"):(o??(o=l("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),o)};return async(p,g,m)=>{if(!await f())throw new Error(F);return l(p,g,m)}}var ue=12e4;async function I(e,t,s,n=ue){let[i,o]=await e(t,s,{signal:AbortSignal.timeout(n)}),l=i??{};if(l.error!==void 0)throw new Error(String(l.error));let f={value:l.value};return B(f,(l.buffer_paths??[]).map(p=>["value",...p]),o),f.value}function ce(e){let t=e.charCodeAt(0);return t===127?"\u2421":String.fromCharCode(9216+t)}function pe(e){if(e.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(e))return[{kind:"mark",text:"\xB7".repeat(e.length)}];let t=[],s=(n,i)=>{let o=t[t.length-1];o!==void 0&&o.kind===n&&n!=="break"?o.text+=i:t.push({kind:n,text:i})};for(let n of e)n===`
`?(s("mark","\u21B5"),s("break",`
`)):n==="	"?s("mark","\u2192"):n==="\r"?s("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(n)?s("mark",ce(n)):s("text",n);return t}function j(e){return pe(e).filter(t=>t.kind!=="break").map(t=>t.text).join("")}function W(e,t,s){return{prompt:e,chips:t.map(n=>({feature:n.feature,strength:n.strength,ablate:n.ablate})),max_new_tokens:Number.isFinite(s)?Math.max(0,Math.round(s)):0}}function Y(e){return e.label?`#${e.feature} ${e.label}`:`#${e.feature}`}function G(e,t){return e.length===t.length&&e.every((s,n)=>s.feature===t[n].feature&&s.ablate===t[n].ablate)}function J(e,t){return`rgba(207, 34, 46, ${(.7*(t>0&&Number.isFinite(e)?Math.max(0,Math.min(1,e/t)):0)).toFixed(3)})`}var Q=`.sw-steer textarea { width: 100%; font-family: var(--jp-code-font-family, ui-monospace, monospace); font-size: 12px; }
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
`;function X(e,t,s,n){return r("div",{class:"sw-st-col"},r("h4",{},e),r("div",{class:"sw-st-text"},r("span",{class:"sw-muted"},t),r("span",{class:"sw-st-new",attrs:{"data-testid":n}},s)))}function de(e){let t=A(e.top.p_clean).data,s=A(e.top.p_after).data,n=r("table",{class:"sw-st-bars",attrs:{"data-testid":"next-tokens"}});return n.append(r("tr",{},r("th",{},"next token"),r("th",{},"clean"),r("th",{},"steered"),r("th",{},"change"))),e.top.token.forEach((i,o)=>{let l=(p,g)=>{let m=r("span",{class:`sw-st-bar ${g}`});return m.style.width=`${Math.round(Math.max(0,Math.min(1,p))*120)}px`,r("td",{},m,r("span",{class:"sw-num"},` ${$(p)}`))},f=s[o]-t[o];n.append(r("tr",{},r("td",{class:"sw-st-tok"},j(i)),l(t[o],"sw-st-clean"),l(s[o],"sw-st-after"),r("td",{class:f>=0?"sw-num sw-st-up":"sw-num sw-st-down"},`${f>=0?"+":""}${$(f)}`)))}),n}function me(e){let t=A(e.kl).data,s=0;for(let i of t)s=Math.max(s,i);let n=r("div",{class:"sw-st-kl",attrs:{"data-testid":"kl"}});return e.tokens.forEach((i,o)=>{let l=r("span",{class:"sw-tok",title:`KL(clean || steered) at pos ${o}: ${x(t[o])}`},j(i));l.style.background=J(t[o],s),n.append(l)}),r("div",{},r("h4",{},`KL per position (max ${x(s)})`),n)}function ge({model:e,el:t,experimental:s}){let n=q(e,s),i=r("div",{class:"sw-root sw-steer"});K(i,U+Q);let o=V(),l=r("textarea",{attrs:{spellcheck:"false","aria-label":"Prompt",rows:"2"}}),f=r("input",{attrs:{type:"number",min:"0",max:"64","aria-label":"New tokens"}}),p=r("span",{class:"sw-muted",attrs:{"data-testid":"status"}}),g=r("div",{class:"sw-st-chips"}),m=r("input",{attrs:{type:"text",placeholder:"feature id or label","aria-label":"Add feature"}}),b=r("button",{class:"sw-chip",attrs:{type:"button"}},"add"),y=r("div",{class:"sw-st-out"}),h=r("div",{class:"sw-st-history"});i.append(o.el,r("div",{class:"sw-st-row"},l),r("div",{class:"sw-st-row"},r("label",{},"new tokens ",f),m,b,p),g,y,h),t.replaceChildren(i);let w=[],M=0,S=0,T,P=a=>{if(a===null){y.replaceChildren(r("div",{class:"sw-muted"},"Type a prompt and add a feature."));return}let u=a.prompt;y.replaceChildren(r("div",{class:"sw-st-cols"},X("clean",u,a.text_clean,"text-clean"),X(a.kind==="none"?"unchanged":a.kind,u,a.text_after,"text-after")),de(a),me(a))},D=async a=>{let u=++M;S+=1,p.textContent="running\u2026";try{let c=await I(n,"run",a);if(u!==M)return;o.show(""),P(c)}catch(c){u===M&&o.show(String(c instanceof Error?c.message:c))}finally{S-=1,u===M&&(p.textContent="")}},Z=()=>W(l.value,w,Number(f.value)),_=!1,v=(a=250)=>{clearTimeout(T),_=!0,T=setTimeout(()=>{_=!1,D(Z())},a)},E=()=>{g.replaceChildren(...w.map((a,u)=>{let c=r("input",{attrs:{type:"range",min:String(-a.limit),max:String(a.limit),step:String(a.limit/100),"aria-label":`strength of feature ${a.feature}`,"data-feature":String(a.feature)}});c.value=String(a.strength),c.disabled=a.ablate;let d=r("span",{class:"sw-num sw-st-value"},x(a.strength));c.addEventListener("input",()=>{a.strength=Number(c.value),d.textContent=x(a.strength),v()});let k=r("button",{class:"sw-chip",attrs:{type:"button","aria-pressed":String(a.ablate)}},"ablate");k.addEventListener("click",()=>{a.ablate=!a.ablate,E(),v(0)});let H=r("button",{class:"sw-chip",attrs:{type:"button","aria-label":"remove"}},"\xD7");return H.addEventListener("click",()=>{w.splice(u,1),E(),v(0)}),r("div",{class:"sw-st-chip"},r("span",{class:"sw-st-name"},Y(a)),c,d,k,H)}))},O=async()=>{let a=m.value.trim();if(a!=="")try{let u=await I(n,"find",{query:a});if(u.length===0)throw new Error(`no feature matches "${a}"`);for(let c of u)w.some(d=>d.feature===c.feature)||w.push(c);m.value="",E(),v(0)}catch(u){o.show(String(u instanceof Error?u.message:u))}};b.addEventListener("click",()=>void O()),m.addEventListener("keydown",a=>{a.key==="Enter"&&O()}),l.addEventListener("input",()=>v(600)),f.addEventListener("change",()=>v(0));let C=()=>{let a=e.get("history")??[];if(h.replaceChildren(),!(a.length<2)){h.append(r("h4",{},"Runs so far"));for(let u of a){let c=r("button",{class:"sw-chip",attrs:{type:"button"}},u.chips.map(d=>d.ablate?`#${d.feature} ablated`:`#${d.feature} ${x(d.strength)}`).join(", ")||"clean");c.addEventListener("click",()=>{l.value=u.prompt,f.value=String(u.max_new_tokens),w=u.chips.map(d=>({...w.find(k=>k.feature===d.feature)??{label:"",limit:Math.max(1,Math.abs(d.strength)*2)},...d})),E(),D(u)}),h.append(c)}}},L=()=>{if(_||S>0)return;document.activeElement!==l&&(l.value=String(e.get("prompt")??"")),f.value=String(e.get("max_new_tokens")??20);let a=(e.get("chips")??[]).map(c=>({...c})),u=g.querySelectorAll('input[type="range"]');if(G(w,a)&&u.length===a.length){a.forEach((c,d)=>{w[d].strength=c.strength,u[d].value=String(c.strength);let k=u[d].nextElementSibling;k!==null&&(k.textContent=x(c.strength))});return}w=a,E()},R=()=>P(e.get("result")??null),N=()=>o.show(String(e.get("error")??""));return L(),R(),N(),C(),e.on("change:chips change:prompt change:max_new_tokens",L),e.on("change:result",R),e.on("change:error",N),e.on("change:history",C),()=>{clearTimeout(T),e.off("change:chips change:prompt change:max_new_tokens",L),e.off("change:result",R),e.off("change:error",N),e.off("change:history",C)}}var je={render:ge};export{je as default};
