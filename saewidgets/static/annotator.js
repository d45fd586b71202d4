var J=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;function o(t,e={},...n){let r=document.createElement(t);e.class!==void 0&&(r.className=e.class),e.title!==void 0&&(r.title=e.title);for(let[a,s]of Object.entries(e.attrs??{}))r.setAttribute(a,s);for(let a of n)a==null||a===!1||r.append(typeof a=="string"?document.createTextNode(a):a);return r}function Q(t,e){t.append(o("style",{},e))}function Z(){let t=o("div",{class:"sw-error",attrs:{role:"alert"}});return t.hidden=!0,{el:t,show(e){t.textContent=e,t.hidden=e===""}}}function tt(t){let e=t.ownerDocument,n=o("div",{class:"sw-tip",attrs:{role:"tooltip"}});n.hidden=!0,e.body.append(n);let r=new MutationObserver(()=>{t.isConnected||(n.remove(),r.disconnect())});return r.observe(e.body,{childList:!0,subtree:!0}),{el:n,show(a,s){n.replaceChildren(s),n.hidden=!1;let i=a.getBoundingClientRect(),d=e.documentElement,c=Math.min(i.left,d.clientWidth-n.offsetWidth-4),u=i.bottom+4,f=u+n.offsetHeight<=d.clientHeight;n.style.left=`${Math.max(0,c)}px`,n.style.top=`${f?u:Math.max(0,i.top-n.offsetHeight-4)}px`},hide(){n.hidden=!0}}}var $t={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function b(t){let e=$t[t.dtype];if(e===void 0)throw new Error(`unsupported dtype ${String(t.dtype)}`);let n=t.shape.reduce((i,d)=>i*d,1),r=t.data instanceof ArrayBuffer?new Uint8Array(t.data):new Uint8Array(t.data.buffer,t.data.byteOffset,t.data.byteLength);if(r.byteLength!==n*e.BYTES_PER_ELEMENT)throw new Error(`array of shape [${t.shape.join(", ")}] ${t.dtype} needs ${n*e.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let a=r.byteOffset%e.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),s=a.buffer;return{data:new e(s,a.byteOffset,n),shape:t.shape}}function et(t,e,n){e.forEach((r,a)=>{if(r.length===0)throw new Error("empty buffer path");let s=t;for(let i of r.slice(0,-1))s=s[i];s[r[r.length-1]]=n[a]})}var _t=12e4;async function R(t,e,n,r=_t){let[a,s]=await t(e,n,{signal:AbortSignal.timeout(r)}),i=a??{};if(i.error!==void 0)throw new Error(String(i.error));let d={value:i.value};return et(d,(i.buffer_paths??[]).map(c=>["value",...c]),s),d.value}var nt=`/* FeatureCard and Annotator (scoped under .sw-card). */
.sw-card { container-type: inline-size; outline: none; }
.sw-card:focus-visible { box-shadow: 0 0 0 2px var(--jp-brand-color1, #0969da) inset; border-radius: 4px; }
.sw-card.sw-loading .sw-card-body, .sw-card.sw-loading .sw-card-stats { opacity: 0.55; }
.sw-card-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.sw-card-title { margin: 0; font-size: 16px; font-weight: 600; }
.sw-fname { display: inline-flex; gap: 6px; align-items: baseline; min-width: 0; }
.sw-fid { font-variant-numeric: tabular-nums; }
.sw-flabel { font-weight: 500; color: var(--jp-brand-color1, #0969da); overflow-wrap: anywhere; }
.sw-nav {
  width: 26px; height: 26px; border-radius: 50%; font-size: 16px; line-height: 1; cursor: pointer;
  border: 1px solid var(--jp-border-color2, #d0d7de); background: transparent; color: inherit;
}
.sw-nav:disabled { opacity: 0.35; cursor: default; }
.sw-flags { display: inline-flex; gap: 4px; }
.sw-flag { padding: 0 6px; border-radius: 8px; font-size: 11px; font-weight: 600; color: #fff; }
.sw-flag-dead { background: #6e7781; }
.sw-flag-ultra-rare { background: #8250df; }
.sw-flag-dense { background: #bc4c00; }
.sw-card-extra { margin-left: auto; }
.sw-card-source { font-size: 11px; margin: 2px 0 6px; }
.sw-card-notice { padding: 6px 10px; border: 1px dashed var(--jp-border-color2, #d0d7de); margin: 6px 0; }
.sw-card-stats { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 4px 0 10px; }
.sw-stat { display: flex; flex-direction: column; }
.sw-stat-name { font-size: 11px; color: var(--jp-ui-font-color2, #656d76); }
.sw-stat-value { font-size: 15px; font-variant-numeric: tabular-nums; }
.sw-card-body { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 16px; }
@container (max-width: 720px) { .sw-card-body { grid-template-columns: minmax(0, 1fr); } }
.sw-card-main { min-width: 0; }
.sw-card h4 { margin: 8px 0 2px; font-size: 12px; font-weight: 600; }
.sw-section-title { text-transform: uppercase; letter-spacing: 0.04em; color: var(--jp-ui-font-color2, #656d76); }
.sw-group { margin-bottom: 6px; }
.sw-group h4 { font-weight: 500; color: var(--jp-ui-font-color2, #656d76); }
.sw-group-top h4 { font-weight: 600; color: inherit; }
.sw-card .sw-example { line-height: 1.6; border-bottom: 1px solid var(--jp-border-color3, #eef0f2); }
.sw-card .sw-example .sw-tok { cursor: default; }
.sw-hist canvas { display: block; }
.sw-hist-axis { display: flex; justify-content: space-between; width: 300px; font-size: 11px; }
.sw-log { float: right; font-size: 11px; }
.sw-note { font-size: 11px; font-style: italic; }
.sw-logit-tables { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin-bottom: 4px; }
.sw-logits { border-collapse: collapse; font-size: 12px; width: 100%; }
.sw-logits caption { text-align: left; font-weight: 600; font-size: 11px; }
.sw-logits td { padding: 0 4px; }
.sw-logit-tok { font-family: var(--jp-code-font-family, ui-monospace, monospace); white-space: pre; max-width: 100px; overflow: hidden; text-overflow: ellipsis; }
.sw-pos .sw-num { color: #1a7f37; text-align: right; }
.sw-neg .sw-num { color: #cf222e; text-align: right; }
.sw-nb-list { list-style: none; margin: 0; padding: 0; }
.sw-nb {
  display: flex; justify-content: space-between; gap: 8px; width: 100%; padding: 1px 4px;
  border: none; background: transparent; color: inherit; font: inherit; text-align: left; cursor: pointer;
}
.sw-nb:hover:not(:disabled) { background: var(--jp-layout-color2, #eef0f2); }
.sw-nb:disabled { cursor: default; opacity: 0.6; }
.sw-nb .sw-fname { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.sw-nb .sw-num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.sw-nb-missing { font-size: 11px; }
.sw-form { display: flex; flex-direction: column; gap: 4px; }
.sw-form input, .sw-form textarea {
  font: inherit; color: inherit; background: var(--jp-layout-color1, #fff);
  border: 1px solid var(--jp-border-color2, #d0d7de); border-radius: 4px; padding: 2px 6px;
}
.sw-status-row { display: flex; flex-wrap: wrap; gap: 3px; }
.sw-status-row .sw-chip { font-size: 11px; }
.sw-status-row .sw-chip[aria-checked="true"] { border-color: var(--jp-brand-color1, #0969da); background: rgba(9, 105, 218, 0.12); font-weight: 600; }
.sw-saved { font-size: 11px; min-height: 1.2em; color: var(--jp-ui-font-color2, #656d76); }
.sw-saved[data-state="saved"] { color: #1a7f37; }
.sw-saved[data-state="error"] { color: #cf222e; }
.sw-ro-row { font-size: 12px; }
.sw-ro-note { font-size: 12px; white-space: pre-wrap; }
.sw-progress { font-size: 12px; font-variant-numeric: tabular-nums; }
.sw-annotator .sw-card-form { margin-bottom: 8px; }
.sw-annotator .sw-card-form .sw-form { display: grid; grid-template-columns: 2fr 3fr; gap: 4px 8px; }
.sw-annotator .sw-card-form .sw-form > textarea, .sw-annotator .sw-card-form .sw-saved { grid-column: 1 / -1; }
.sw-keys { font-size: 11px; }
`;function Pt(t){let e=b(t.value).data;if(t.index===void 0){if(e.length!==t.n)throw new Error(`expected ${t.n} values, got ${e.length}`);return Float32Array.from(e)}let n=b(t.index).data;if(n.length!==e.length)throw new Error("sparse index and values differ in length");let r=new Float32Array(t.n);for(let a=0;a<n.length;a++){if(n[a]>=t.n)throw new Error(`sparse index ${n[a]} out of range ${t.n}`);r[n[a]]=e[a]}return r}function rt(t){let e=b(t.tok).data,n=Pt(t.acts),r=b(t.length).data,a=b(t.max_index).data,s=b(t.group).data,i=b(t.seq).data,d=b(t.pos).data;if(e.length!==n.length)throw new Error(`${e.length} tokens but ${n.length} acts`);let c=new Map;for(let p of t.intervals)c.set(p.interval,{...p,examples:[]});let u=0;for(let p=0;p<r.length;p++){let g=r[p];if(u+g>e.length)throw new Error("example lengths exceed the token array");let k=Array.from(e.subarray(u,u+g),v=>{let T=t.strings[v];if(T===void 0)throw new Error(`token index ${v} is not in the string table`);return T}),E=s[p];c.has(E)||c.set(E,{interval:E,lo:NaN,hi:NaN,n:0,examples:[]}),c.get(E)?.examples.push({tokens:k,acts:n.subarray(u,u+g),maxIndex:a[p],seq:i[p],pos:d[p]}),u+=g}if(u!==e.length)throw new Error("example lengths do not cover the token array");let f=p=>p.interval===-1?1/0:p.interval;return[...c.values()].sort((p,g)=>f(g)-f(p))}function ot(t){if(t.feature===void 0||t.value===void 0)return[];let e=b(t.feature).data,n=b(t.value).data,r=t.count===void 0?null:b(t.count).data;return Array.from(e,(a,s)=>({feature:a,value:n[s],count:r===null?null:r[s]}))}function W(t){return t===void 0?null:b(t)}function at(t){return[...new Set(t.split(",").map(e=>e.trim()).filter(e=>e!==""))]}function st(t){let e=[];return t.dead&&e.push("dead"),t.ultra_rare&&e.push("ultra-rare"),t.dense&&e.push("dense"),e}var Nt=600,it={label:"",status:"unreviewed",tags:[],note:""};function Ct(){let t=o("div",{class:"sw-form sw-form-ro",attrs:{"data-testid":"annotation"}});return{el:t,fill(e){let n=e??it;t.replaceChildren(o("div",{class:"sw-ro-row"},o("span",{class:"sw-muted"},"label "),o("span",{class:"sw-ro-label"},n.label||"\u2013")),o("div",{class:"sw-ro-row"},o("span",{class:"sw-muted"},"status "),o("span",{class:"sw-ro-status"},n.status)),o("div",{class:"sw-ro-row"},o("span",{class:"sw-muted"},"tags "),o("span",{},n.tags.join(", ")||"\u2013"))),n.note&&t.append(o("div",{class:"sw-ro-note"},n.note))},flush:async()=>{},setStatus:async()=>{},focusLabel(){}}}function lt(t,e,n){if(!t)return Ct();let r=o("input",{class:"sw-in-label",attrs:{type:"text",placeholder:"label (l or Enter)","aria-label":"label","data-testid":"label"}}),a=o("input",{attrs:{type:"text",placeholder:"tags, comma-separated","aria-label":"tags","data-testid":"tags"}}),s=o("textarea",{attrs:{placeholder:"note","aria-label":"note",rows:"2","data-testid":"note"}}),i=o("span",{class:"sw-saved",attrs:{"data-testid":"saved","aria-live":"polite"}}),d=o("div",{class:"sw-status-row",attrs:{role:"radiogroup","aria-label":"status"}}),c=e.map((h,w)=>{let m=o("button",{class:"sw-chip",attrs:{type:"button",role:"radio","data-status":h}},`${w+1} ${h}`);return m.addEventListener("click",()=>void _(h)),d.append(m),m}),u=o("div",{class:"sw-form",attrs:{"data-testid":"annotation"}},r,d,a,s,i),f=-1,p={},g,k=Promise.resolve(),E=h=>c.forEach(w=>w.setAttribute("aria-checked",String(w.dataset.status===h))),v=(h,w)=>{i.textContent=h,i.dataset.state=w},T=(h,w)=>(v("saving\u2026","saving"),k=k.then(async()=>{try{let m=await n(w,h);w===f&&E(m.status),v(`saved ${new Date().toLocaleTimeString()}`,"saved")}catch(m){v(`not saved: ${m instanceof Error?m.message:String(m)}`,"error")}}),k),A=()=>{clearTimeout(g);let h=p;return p={},Object.keys(h).length===0?k:T(h,f)},$=h=>{p={...p,...h},v("editing\u2026","editing"),clearTimeout(g),g=setTimeout(()=>void A(),Nt)},_=h=>(E(h),p={...p,status:h},A());r.addEventListener("input",()=>$({label:r.value})),a.addEventListener("input",()=>$({tags:at(a.value)})),s.addEventListener("input",()=>$({note:s.value}));for(let h of[r,a,s])h.addEventListener("change",()=>void A());return r.addEventListener("keydown",h=>{h.key==="Enter"&&A()}),{el:u,fill(h,w){w!==f&&(A(),v("","")),f=w;let m=h??it;r.value=m.label,a.value=m.tags.join(", "),s.value=m.note,E(m.status)},flush:A,setStatus:_,focusLabel(){r.focus(),r.select()}}}function dt(t){let e=/^#([0-9a-f]{6})$/i.exec(t);if(e===null)throw new Error(`not a #rrggbb colour: ${t}`);let n=parseInt(e[1],16);return[n>>16&255,n>>8&255,n&255]}function jt(t,e){return!(e>0)||!(t>0)?0:Math.min(1,t/e)}function Ft(t,e){return Math.round(.85*jt(t,e)*1e3)/1e3}function ct(t,e,n){let r=Ft(e,n);return r===0?"transparent":`rgba(${t[0]}, ${t[1]}, ${t[2]}, ${r})`}function x(t){if(Number.isNaN(t))return"NaN";if(!Number.isFinite(t))return t>0?"\u221E":"\u2212\u221E";if(t===0)return"0";let e=Math.abs(t);if(e<.001||e>=1e6)return t.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(e)));return t.toFixed(n).replace("-","\u2212")}function ut(t){return t===0?"0%":`${x(t*100)}%`}function Bt(t){let e=t.charCodeAt(0);return e===127?"\u2421":String.fromCharCode(9216+e)}function z(t){if(t.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(t))return[{kind:"mark",text:"\xB7".repeat(t.length)}];let e=[],n=(r,a)=>{let s=e[e.length-1];s!==void 0&&s.kind===r&&r!=="break"?s.text+=a:e.push({kind:r,text:a})};for(let r of t)r===`
`?(n("mark","\u21B5"),n("break",`
`)):r==="	"?n("mark","\u2192"):r==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(r)?n("mark",Bt(r)):n("text",r);return e}function F(t){return z(t).filter(e=>e.kind!=="break").map(e=>e.text).join("")}function Ht(t){return t.map(e=>z(e).filter(n=>n.kind!=="break").map(n=>n.text).join(""))}function pt(t,e,n){if(t.acts.length!==t.tokens.length)throw new Error(`${t.tokens.length} tokens but ${t.acts.length} activations`);let r=o("div",{class:"sw-example"});return Ht(t.tokens).forEach((a,s)=>{let i=t.acts[s],d=o("span",{class:s===t.maxIndex?"sw-tok sw-max":"sw-tok",title:`${F(t.tokens[s])}: ${x(i)}`});d.textContent=a,d.style.background=ct(e,i,n),r.append(d)}),r}function ft(t,e,n){if(t.length!==e.length+1)throw new Error(`histogram needs ${e.length+1} edges for ${e.length} bins`);if(e.length===0)return[];let r=t[0],a=t[t.length-1]-r||1,s=u=>n.log?Math.log10(1+u):u,i=0;for(let u=0;u<e.length;u++)i=Math.max(i,s(e[u]));let d=n.gap??1,c=[];for(let u=0;u<e.length;u++){let f=(t[u]-r)/a*n.width,p=(t[u+1]-r)/a*n.width,g=i>0?s(e[u])/i*n.height:0;c.push({x:f,y:n.height-g,width:Math.max(.5,p-f-d),height:g,count:e[u],lo:t[u],hi:t[u+1]})}return c}function mt(t,e){return t.find(n=>e>=n.x&&e<n.x+n.width+1)??null}function gt(t,e,n,r){let a=globalThis.devicePixelRatio||1;t.width=Math.round(n.width*a),t.height=Math.round(n.height*a),t.style.width=`${n.width}px`,t.style.height=`${n.height}px`;let s=t.getContext("2d");if(s===null)throw new Error("canvas 2D context unavailable");s.setTransform(a,0,0,a,0,0),s.clearRect(0,0,n.width,n.height),s.fillStyle=r;for(let i of e)s.fillRect(i.x,i.y,i.width,i.height)}var wt="#e4572e",Rt={width:300,height:72};function I(t,e){let n=e[String(t)];return o("span",{class:"sw-fname"},o("span",{class:"sw-fid"},`#${t}`),n?o("span",{class:"sw-flabel"},n):null)}var Wt=[["density","density",ut],["count","count",t=>t.toLocaleString("en-US")],["max_act","max act",x],["mean_act","mean act",x],["enc_bias","enc bias",x],["de_projection","D/E projection",x]],zt={density:"fraction of harvested tokens on which the feature fires",count:"number of harvested tokens on which the feature fires",max_act:"largest activation seen",mean_act:"mean of the non-zero activations",enc_bias:"encoder bias of the feature",de_projection:"cosine between the feature's encoder column and decoder row"};function bt(t){let e=o("div",{class:"sw-card-stats",attrs:{"data-testid":"stats"}});for(let[n,r,a]of Wt){let s=t[n],i=o("div",{class:"sw-stat",title:zt[n]??"",attrs:{"data-stat":n}},o("span",{class:"sw-stat-name"},r),o("span",{class:"sw-stat-value"},typeof s=="number"?a(s):"\u2013"));typeof s=="number"&&(i.dataset.value=String(s)),e.append(i)}return e}function xt(t){return st(t).map(e=>o("span",{class:`sw-flag sw-flag-${e}`},e))}function It(t,e){if(t.interval===-1){let r=typeof e=="number"?` of ${e.toLocaleString("en-US")}`:"";return`Top ${t.examples.length}${r} activations`}let n=t.n.toLocaleString("en-US");return`Interval ${x(t.lo)} \u2013 ${x(t.hi)} \xB7 ${n} activations`}function yt(t,e){let n=rt(t.examples),r=t.stats.max_act??0,a=dt(wt),s=o("div",{class:"sw-card-examples",attrs:{"data-testid":"examples"}});if(n.length===0||n.every(i=>i.examples.length===0))return s.append(o("div",{class:"sw-muted"},"This feature never fired on the harvested tokens.")),s;for(let i of n){let d=o("section",{class:i.interval===-1?"sw-group sw-group-top":"sw-group",attrs:{"data-interval":String(i.interval)}});d.append(o("h4",{},It(i,t.stats.count)));for(let c of i.examples){let u=pt(c,a,r);u.querySelectorAll(".sw-tok").forEach((f,p)=>{f.dataset.tip=f.title,f.dataset.value=String(c.acts[p]),f.removeAttribute("title")}),u.dataset.seq=String(c.seq),u.dataset.pos=String(c.pos),d.append(u)}s.append(d)}return s.addEventListener("mouseover",i=>{let d=i.target instanceof Element?i.target.closest(".sw-tok"):null,c=d?.closest(".sw-example");!d||!c||e.show(d,o("div",{},o("div",{class:"sw-tip-head"},o("b",{},d.dataset.tip??"")),o("div",{class:"sw-muted"},`sequence ${c.dataset.seq}, max at position ${c.dataset.pos}`)))}),s.addEventListener("mouseleave",()=>e.hide()),s}function U(t,e,n,r,a){let s=b(t).data,i=b(e).data,d=o("div",{class:"sw-hist"});if(i.length===0)return d.append(o("div",{class:"sw-muted"},"no non-zero values")),d;let c=o("canvas",{attrs:{role:"img"}}),u={...Rt,log:n},f=ft(s,i,u);c.setAttribute("aria-label",`histogram of ${i.length} bins`);try{gt(c,f,u,wt)}catch{}return c.addEventListener("mousemove",p=>{let g=mt(f,p.offsetX);if(g===null)return r.hide();r.show(c,o("div",{},`${x(g.lo)} \u2013 ${x(g.hi)}: ${g.count.toLocaleString("en-US")} ${a}`))}),c.addEventListener("mouseleave",()=>r.hide()),d.append(c,o("div",{class:"sw-hist-axis sw-muted"},o("span",{},x(s[0])),o("span",{},x(s[s.length-1])))),d}function ht(t,e,n,r){let a=o("table",{class:`sw-logits ${r}`},o("caption",{},t));return e.forEach((s,i)=>a.append(o("tr",{},o("td",{class:"sw-logit-tok"},F(s)),o("td",{class:"sw-num"},x(n[i]))))),a}function vt(t,e,n){let r=t.logits,a=o("div",{class:"sw-card-logits",attrs:{"data-testid":"logits"}});if(a.append(o("div",{class:"sw-muted sw-note"},"direct path, final layer norm ignored")),r.error!==void 0)return a.append(o("div",{class:"sw-muted"},r.error)),a;let s=W(r.top_values),i=W(r.bottom_values);return a.append(o("div",{class:"sw-logit-tables"},ht("Positive",r.top_tokens??[],s?.data??[],"sw-pos"),ht("Negative",r.bottom_tokens??[],i?.data??[],"sw-neg"))),r.hist_edges!==void 0&&r.hist_counts!==void 0&&a.append(U(r.hist_edges,r.hist_counts,e,n,"tokens")),a}var Ut={cosine:"Decoder cosine",cooccurrence:"Co-occurrence (lift \xB7 tokens together)",output:"Output similarity"};function kt(t){let e=new Set(t.missing),n=o("div",{class:"sw-card-neighbours",attrs:{"data-testid":"neighbours"}});for(let[r,a]of Object.entries(t.neighbours)){let s=o("ol",{class:"sw-nb-list",attrs:{"data-kind":r}}),i=o("section",{},o("h4",{},Ut[r]??r),s);a.error!==void 0&&s.append(o("li",{class:"sw-muted"},a.error));let d=ot(a);a.error===void 0&&d.length===0&&s.append(o("li",{class:"sw-muted"},"none"));for(let c of d){let u=c.count===null?x(c.value):`${x(c.value)} \xB7 ${c.count.toLocaleString("en-US")}\xD7`,f=o("button",{class:"sw-nb",attrs:{type:"button","data-feature":String(c.feature)}},I(c.feature,t.labels),o("span",{class:"sw-num"},u));e.has(c.feature)&&(f.disabled=!0,f.title="not in this export",f.append(o("span",{class:"sw-muted sw-nb-missing"},"not exported"))),s.append(o("li",{},f))}n.append(i)}return n}var Dt=new Set(["INPUT","TEXTAREA","SELECT"]);function Ot(t){return t instanceof Error?t.message:String(t)}function Et(t,e,n,r={}){let a=e.get("_standalone")===!0,s=e.get("editable")===!0&&!a,i=e.get("statuses")??[],d=o("div",{class:`sw-root sw-card ${r.className??""}`.trim(),attrs:{tabindex:"0","data-testid":"card"}});Q(d,J+nt);let c=Z(),u=o("button",{class:"sw-nav",attrs:{type:"button","aria-label":"previous feature (k)","data-testid":"prev"}},"\u2039"),f=o("button",{class:"sw-nav",attrs:{type:"button","aria-label":"next feature (j)","data-testid":"next"}},"\u203A"),p=o("h3",{class:"sw-card-title",attrs:{"data-testid":"title"}}),g=o("span",{class:"sw-flags"}),k=o("div",{class:"sw-card-extra"}),E=o("div",{class:"sw-muted sw-card-source"},String(e.get("source")??"")),v=o("div",{}),T=o("div",{class:"sw-card-main"}),A=o("div",{}),$=o("div",{}),_=o("div",{}),h=o("input",{attrs:{type:"checkbox","aria-label":"log counts"}}),w=o("div",{class:"sw-card-notice sw-muted",attrs:{"data-testid":"notice"}});w.hidden=!0;let m=null,N=0,M=lt(s,i,async(l,y)=>{let S=await R(n,"annotate",{feature:l,...y});if(m!==null&&m.feature===l){m.annotation=S.annotation;let L={...m.labels};S.annotation.label?L[String(l)]=S.annotation.label:delete L[String(l)],m.labels=L,O(m)}return S.annotation}),C=(l,...y)=>o("section",{class:"sw-card-section"},o("h4",{class:"sw-section-title"},l),...y),D=o("div",{class:"sw-card-side"},C("Activation histogram (non-zero)",o("label",{class:"sw-muted sw-log"},h," log counts"),A),C("Logit weights",$),C("Neighbours",_)),B=C("Annotation",M.el);B.classList.add("sw-card-form"),r.formFirst||D.append(B),d.append(c.el,o("div",{class:"sw-card-head"},u,p,g,f,k),E,w,v,o("div",{class:"sw-card-body"},T,D)),r.formFirst&&v.after(B),t.replaceChildren(d);let j=tt(d);function O(l){p.replaceChildren("Feature ",I(l.feature,l.labels))}let q=l=>{let y=h.checked;A.replaceChildren(U(l.hist.edges,l.hist.counts,y,j,"activations")),$.replaceChildren(vt(l,y,j))},At=l=>{O(l),g.replaceChildren(...xt(l.stats)),u.disabled=l.prev===null,f.disabled=l.next===null,v.replaceChildren(bt(l.stats)),T.replaceChildren(yt(l,j)),q(l),_.replaceChildren(kt(l)),M.fill(l.annotation,l.feature)},G=a?null:e.get("initial_card")??null,K=l=>{At(l),m=l,w.hidden=!0,c.show(String(e.get("error")??"")),r.onShow?.(l)},St=async l=>{let y=++N,S=G;if(G=null,S!==null&&S.feature===l){K(S);return}d.classList.add("sw-loading");try{let L=await R(n,"card",{feature:l});if(y!==N)return;K(L)}catch(L){if(y!==N)return;let Y=Ot(L);a&&Y.includes("needs a running Python kernel")?(w.textContent=`Feature ${l} is not in this export.`,w.hidden=!1):c.show(`Feature ${l}: ${Y}`)}finally{y===N&&d.classList.remove("sw-loading")}},P=l=>{l!==null&&(j.hide(),M.flush(),e.set("feature",l),e.save_changes())},V={root:d,extra:k,form:M,payload:()=>m,go:P,destroy:Tt};u.addEventListener("click",()=>P(m?.prev??null)),f.addEventListener("click",()=>P(m?.next??null)),h.addEventListener("change",()=>m&&q(m)),_.addEventListener("click",l=>{let y=l.target instanceof Element?l.target.closest(".sw-nb"):null;y&&!y.disabled&&P(Number(y.dataset.feature))}),d.addEventListener("keydown",l=>{let y=l.target;if(Dt.has(y.tagName)){l.key==="Escape"&&(M.flush(),d.focus(),l.preventDefault());return}if(!(l.altKey||l.ctrlKey||l.metaKey)){if(r.onKey?.(l,V)){l.preventDefault();return}if(l.key==="j"||l.key==="ArrowRight")P(m?.next??null);else if(l.key==="k"||l.key==="ArrowLeft")P(m?.prev??null);else return;l.preventDefault()}});let H=()=>void St(Number(e.get("feature"))),X=()=>c.show(String(e.get("error")??""));e.on("change:feature",H),e.on("change:error",X);function Tt(){e.off("change:feature",H),e.off("change:error",X),M.flush()}return H(),V}function qt({model:t,el:e,experimental:n}){let r=t.get("statuses")??[],a=(f,p)=>{let g=Number(f.key);return Number.isInteger(g)&&g>=1&&g<=r.length?(p.form.setStatus(r[g-1]),!0):f.key==="l"||f.key==="Enter"?(p.form.focusLabel(),!0):!1},s=Et(e,t,n.invoke,{onKey:a,className:"sw-annotator",formFirst:!0}),i=o("span",{class:"sw-progress",attrs:{"data-testid":"progress"}}),d=o("div",{class:"sw-muted sw-keys"},`j/k or \u2190/\u2192 move \xB7 1\u2013${r.length} status \xB7 l or Enter label \xB7 Esc leave the box`);s.extra.append(i),s.root.insertBefore(d,s.root.querySelector(".sw-card-notice"));let c=()=>{let f=b(t.get("queue")).data,p=Number(t.get("position")),g=Number(t.get("reviewed")),k=p>=0?`#${p+1} of ${f.length}`:"not in the queue";i.textContent=`${g} / ${f.length} reviewed \xB7 ${k}`},u="change:queue change:position change:reviewed";return t.on(u,c),c(),s.root.focus(),()=>{t.off(u,c),s.destroy()}}var Ne={render:qt};export{Ne as default};
