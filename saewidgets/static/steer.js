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
`;var et={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function A(t){let e=et[t.dtype];if(e===void 0)throw new Error(`unsupported dtype ${String(t.dtype)}`);let s=t.shape.reduce((l,f)=>l*f,1),n=t.data instanceof ArrayBuffer?new Uint8Array(t.data):new Uint8Array(t.data.buffer,t.data.byteOffset,t.data.byteLength);if(n.byteLength!==s*e.BYTES_PER_ELEMENT)throw new Error(`array of shape [${t.shape.join(", ")}] ${t.dtype} needs ${s*e.BYTES_PER_ELEMENT} bytes, got ${n.byteLength}`);let i=n.byteOffset%e.BYTES_PER_ELEMENT===0?n:new Uint8Array(n.slice()),a=i.buffer;return{data:new e(a,i.byteOffset,s),shape:t.shape}}function B(t,e,s){e.forEach((n,i)=>{if(n.length===0)throw new Error("empty buffer path");let a=t;for(let l of n.slice(0,-1))a=a[l];a[n[n.length-1]]=s[i]})}function r(t,e={},...s){let n=document.createElement(t);e.class!==void 0&&(n.className=e.class),e.title!==void 0&&(n.title=e.title);for(let[i,a]of Object.entries(e.attrs??{}))n.setAttribute(i,a);for(let i of s)i==null||i===!1||n.append(typeof i=="string"?document.createTextNode(i):i);return n}function K(t,e){t.append(r("style",{},e))}function V(){let t=r("div",{class:"sw-error",attrs:{role:"alert"}});return t.hidden=!0,{el:t,show(e){t.textContent=e,t.hidden=e===""}}}function x(t){if(Number.isNaN(t))return"NaN";if(!Number.isFinite(t))return t>0?"\u221E":"\u2212\u221E";if(t===0)return"0";let e=Math.abs(t);if(e<.001||e>=1e6)return t.toExponential(2).replace("-","\u2212");let s=Math.max(0,2-Math.floor(Math.log10(e)));return t.toFixed(s).replace("-","\u2212")}function $(t){return t===0?"0%":`${x(t*100)}%`}var z="this view needs a running kernel; use .to_html() for a kernel-free copy",nt="saewidgets-request",rt="saewidgets-response";function st(t){let e=t.widget_manager;return e==null?"yes":"kernel"in e?e.kernel===null||e.kernel===void 0?"no":"yes":"unknown"}var F=0;function ot(){return F+=1,`sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${F}`}function at(t){return(e,s,n={})=>new Promise((i,a)=>{let l=t.send;if(typeof l!="function"){a(new Error(z));return}let f=ot(),p=n.signal,g=(...y)=>{let h=y[0];h===null||typeof h!="object"||h.kind!==rt||h.id!==f||(b(),i([h.response,it(y[1])]))},m=()=>{b(),a(p?.reason??new Error("request aborted"))},b=()=>{t.off("msg:custom",g),p?.removeEventListener("abort",m)};if(p?.aborted){a(p.reason);return}p?.addEventListener("abort",m),t.on("msg:custom",g);try{l.call(t,{kind:nt,id:f,name:e,msg:s},void 0,n.buffers??[])}catch(y){b(),a(y)}})}function it(t){return Array.isArray(t)?t.map(e=>{if(e instanceof DataView)return e;if(e instanceof ArrayBuffer)return new DataView(e);if(ArrayBuffer.isView(e))return new DataView(e.buffer,e.byteOffset,e.byteLength);throw new Error("a response buffer is not binary")}):[]}function lt(t){return t instanceof Error&&(t.name==="TimeoutError"||t.name==="AbortError")}function W(t,e){let s=e?.invoke,n=at(t),i=typeof s!="function",a=null,l=async(p,g,m)=>{if(!i&&s!==void 0)try{return await s(p,g,m)}catch(b){if(lt(b))throw b;i=!0}return n(p,g,m)},f=()=>{let p=st(t);return p!=="unknown"?Promise.resolve(p==="yes"):(a??(a=l("_ping",{},{signal:AbortSignal.timeout(2e3)}).then(()=>!0,()=>!1)),a)};return async(p,g,m)=>{if(!await f())throw new Error(z);return l(p,g,m)}}var ut=12e4;async function I(t,e,s,n=ut){let[i,a]=await t(e,s,{signal:AbortSignal.timeout(n)}),l=i??{};if(l.error!==void 0)throw new Error(String(l.error));let f={value:l.value};return B(f,(l.buffer_paths??[]).map(p=>["value",...p]),a),f.value}function ct(t){let e=t.charCodeAt(0);return e===127?"\u2421":String.fromCharCode(9216+e)}function pt(t){if(t.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(t))return[{kind:"mark",text:"\xB7".repeat(t.length)}];let e=[],s=(n,i)=>{let a=e[e.length-1];a!==void 0&&a.kind===n&&n!=="break"?a.text+=i:e.push({kind:n,text:i})};for(let n of t)n===`
`?(s("mark","\u21B5"),s("break",`
`)):n==="	"?s("mark","\u2192"):n==="\r"?s("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(n)?s("mark",ct(n)):s("text",n);return e}function O(t){return pt(t).filter(e=>e.kind!=="break").map(e=>e.text).join("")}function q(t,e,s){return{prompt:t,chips:e.map(n=>({feature:n.feature,strength:n.strength,ablate:n.ablate})),max_new_tokens:Number.isFinite(s)?Math.max(0,Math.round(s)):0}}function Y(t){return t.label?`#${t.feature} ${t.label}`:`#${t.feature}`}function G(t,e){return t.length===e.length&&t.every((s,n)=>s.feature===e[n].feature&&s.ablate===e[n].ablate)}function J(t,e){return`rgba(207, 34, 46, ${(.7*(e>0&&Number.isFinite(t)?Math.max(0,Math.min(1,t/e)):0)).toFixed(3)})`}var Q=`.sw-steer textarea { width: 100%; font-family: var(--jp-code-font-family, ui-monospace, monospace); font-size: 12px; }
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
`;function X(t,e,s,n){return r("div",{class:"sw-st-col"},r("h4",{},t),r("div",{class:"sw-st-text"},r("span",{class:"sw-muted"},e),r("span",{class:"sw-st-new",attrs:{"data-testid":n}},s)))}function dt(t){let e=A(t.top.p_clean).data,s=A(t.top.p_after).data,n=r("table",{class:"sw-st-bars",attrs:{"data-testid":"next-tokens"}});return n.append(r("tr",{},r("th",{},"next token"),r("th",{},"clean"),r("th",{},"steered"),r("th",{},"change"))),t.top.token.forEach((i,a)=>{let l=(p,g)=>{let m=r("span",{class:`sw-st-bar ${g}`});return m.style.width=`${Math.round(Math.max(0,Math.min(1,p))*120)}px`,r("td",{},m,r("span",{class:"sw-num"},` ${$(p)}`))},f=s[a]-e[a];n.append(r("tr",{},r("td",{class:"sw-st-tok"},O(i)),l(e[a],"sw-st-clean"),l(s[a],"sw-st-after"),r("td",{class:f>=0?"sw-num sw-st-up":"sw-num sw-st-down"},`${f>=0?"+":""}${$(f)}`)))}),n}function mt(t){let e=A(t.kl).data,s=0;for(let i of e)s=Math.max(s,i);let n=r("div",{class:"sw-st-kl",attrs:{"data-testid":"kl"}});return t.tokens.forEach((i,a)=>{let l=r("span",{class:"sw-tok",title:`KL(clean || steered) at pos ${a}: ${x(e[a])}`},O(i));l.style.background=J(e[a],s),n.append(l)}),r("div",{},r("h4",{},`KL per position (max ${x(s)})`),n)}function gt({model:t,el:e,experimental:s}){let n=W(t,s),i=r("div",{class:"sw-root sw-steer"});K(i,D+Q);let a=V(),l=r("textarea",{attrs:{spellcheck:"false","aria-label":"Prompt",rows:"2"}}),f=r("input",{attrs:{type:"number",min:"0",max:"64","aria-label":"New tokens"}}),p=r("span",{class:"sw-muted",attrs:{"data-testid":"status"}}),g=r("div",{class:"sw-st-chips"}),m=r("input",{attrs:{type:"text",placeholder:"feature id or label","aria-label":"Add feature"}}),b=r("button",{class:"sw-chip",attrs:{type:"button"}},"add"),y=r("div",{class:"sw-st-out"}),h=r("div",{class:"sw-st-history"});i.append(a.el,r("div",{class:"sw-st-row"},l),r("div",{class:"sw-st-row"},r("label",{},"new tokens ",f),m,b,p),g,y,h),e.replaceChildren(i);let w=[],M=0,S=0,T,U=o=>{if(o===null){y.replaceChildren(r("div",{class:"sw-muted"},"Type a prompt and add a feature."));return}let u=o.prompt;y.replaceChildren(r("div",{class:"sw-st-cols"},X("clean",u,o.text_clean,"text-clean"),X(o.kind==="none"?"unchanged":o.kind,u,o.text_after,"text-after")),dt(o),mt(o))},j=async o=>{let u=++M;S+=1,p.textContent="running\u2026";try{let c=await I(n,"run",o);if(u!==M)return;a.show(""),U(c)}catch(c){u===M&&a.show(String(c instanceof Error?c.message:c))}finally{S-=1,u===M&&(p.textContent="")}},Z=()=>q(l.value,w,Number(f.value)),_=!1,v=(o=250)=>{clearTimeout(T),_=!0,T=setTimeout(()=>{_=!1,j(Z())},o)},E=()=>{g.replaceChildren(...w.map((o,u)=>{let c=r("input",{attrs:{type:"range",min:String(-o.limit),max:String(o.limit),step:String(o.limit/100),"aria-label":`strength of feature ${o.feature}`,"data-feature":String(o.feature)}});c.value=String(o.strength),c.disabled=o.ablate;let d=r("span",{class:"sw-num sw-st-value"},x(o.strength));c.addEventListener("input",()=>{o.strength=Number(c.value),d.textContent=x(o.strength),v()});let k=r("button",{class:"sw-chip",attrs:{type:"button","aria-pressed":String(o.ablate)}},"ablate");k.addEventListener("click",()=>{o.ablate=!o.ablate,E(),v(0)});let P=r("button",{class:"sw-chip",attrs:{type:"button","aria-label":"remove"}},"\xD7");return P.addEventListener("click",()=>{w.splice(u,1),E(),v(0)}),r("div",{class:"sw-st-chip"},r("span",{class:"sw-st-name"},Y(o)),c,d,k,P)}))},H=async()=>{let o=m.value.trim();if(o!=="")try{let u=await I(n,"find",{query:o});if(u.length===0)throw new Error(`no feature matches "${o}"`);for(let c of u)w.some(d=>d.feature===c.feature)||w.push(c);m.value="",E(),v(0)}catch(u){a.show(String(u instanceof Error?u.message:u))}};b.addEventListener("click",()=>void H()),m.addEventListener("keydown",o=>{o.key==="Enter"&&H()}),l.addEventListener("input",()=>v(600)),f.addEventListener("change",()=>v(0));let C=()=>{let o=t.get("history")??[];if(h.replaceChildren(),!(o.length<2)){h.append(r("h4",{},"Runs so far"));for(let u of o){let c=r("button",{class:"sw-chip",attrs:{type:"button"}},u.chips.map(d=>d.ablate?`#${d.feature} ablated`:`#${d.feature} ${x(d.strength)}`).join(", ")||"clean");c.addEventListener("click",()=>{l.value=u.prompt,f.value=String(u.max_new_tokens),w=u.chips.map(d=>({...w.find(k=>k.feature===d.feature)??{label:"",limit:Math.max(1,Math.abs(d.strength)*2)},...d})),E(),j(u)}),h.append(c)}}},L=()=>{if(_||S>0)return;document.activeElement!==l&&(l.value=String(t.get("prompt")??"")),f.value=String(t.get("max_new_tokens")??20);let o=(t.get("chips")??[]).map(c=>({...c})),u=g.querySelectorAll('input[type="range"]');if(G(w,o)&&u.length===o.length){o.forEach((c,d)=>{w[d].strength=c.strength,u[d].value=String(c.strength);let k=u[d].nextElementSibling;k!==null&&(k.textContent=x(c.strength))});return}w=o,E()},N=()=>U(t.get("result")??null),R=()=>a.show(String(t.get("error")??""));return L(),N(),R(),C(),t.on("change:chips change:prompt change:max_new_tokens",L),t.on("change:result",N),t.on("change:error",R),t.on("change:history",C),()=>{clearTimeout(T),t.off("change:chips change:prompt change:max_new_tokens",L),t.off("change:result",N),t.off("change:error",R),t.off("change:history",C)}}var Ot={render:gt};export{Ot as default};
