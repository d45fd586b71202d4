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
  position: absolute;
  z-index: 10;
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
`;function a(t,e={},...n){let r=document.createElement(t);e.class!==void 0&&(r.className=e.class),e.title!==void 0&&(r.title=e.title);for(let[o,s]of Object.entries(e.attrs??{}))r.setAttribute(o,s);for(let o of n)o==null||o===!1||r.append(typeof o=="string"?document.createTextNode(o):o);return r}function X(t,e){t.append(a("style",{},e))}function Y(){let t=a("div",{class:"sw-error",attrs:{role:"alert"}});return t.hidden=!0,{el:t,show(e){t.textContent=e,t.hidden=e===""}}}function J(t){let e=a("div",{class:"sw-tip",attrs:{role:"tooltip"}});return e.hidden=!0,t.append(e),{el:e,show(n,r){e.replaceChildren(r),e.hidden=!1;let o=n.getBoundingClientRect(),s=t.getBoundingClientRect(),i=Math.min(o.left-s.left,Math.max(0,s.width-e.offsetWidth));e.style.left=`${Math.max(0,i)}px`,e.style.top=`${o.bottom-s.top+4}px`},hide(){e.hidden=!0}}}var Tt={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function y(t){let e=Tt[t.dtype];if(e===void 0)throw new Error(`unsupported dtype ${String(t.dtype)}`);let n=t.shape.reduce((i,d)=>i*d,1),r=t.data instanceof ArrayBuffer?new Uint8Array(t.data):new Uint8Array(t.data.buffer,t.data.byteOffset,t.data.byteLength);if(r.byteLength!==n*e.BYTES_PER_ELEMENT)throw new Error(`array of shape [${t.shape.join(", ")}] ${t.dtype} needs ${n*e.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let o=r.byteOffset%e.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),s=o.buffer;return{data:new e(s,o.byteOffset,n),shape:t.shape}}function Q(t,e,n){e.forEach((r,o)=>{if(r.length===0)throw new Error("empty buffer path");let s=t;for(let i of r.slice(0,-1))s=s[i];s[r[r.length-1]]=n[o]})}var St=12e4;async function H(t,e,n,r=St){let[o,s]=await t(e,n,{signal:AbortSignal.timeout(r)}),i=o??{};if(i.error!==void 0)throw new Error(String(i.error));let d={value:i.value};return Q(d,(i.buffer_paths??[]).map(c=>["value",...c]),s),d.value}var Z=`/* FeatureCard and Annotator (scoped under .sw-card). */
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
`;function $t(t){let e=y(t.value).data;if(t.index===void 0){if(e.length!==t.n)throw new Error(`expected ${t.n} values, got ${e.length}`);return Float32Array.from(e)}let n=y(t.index).data;if(n.length!==e.length)throw new Error("sparse index and values differ in length");let r=new Float32Array(t.n);for(let o=0;o<n.length;o++){if(n[o]>=t.n)throw new Error(`sparse index ${n[o]} out of range ${t.n}`);r[n[o]]=e[o]}return r}function tt(t){let e=y(t.tok).data,n=$t(t.acts),r=y(t.length).data,o=y(t.max_index).data,s=y(t.group).data,i=y(t.seq).data,d=y(t.pos).data;if(e.length!==n.length)throw new Error(`${e.length} tokens but ${n.length} acts`);let c=new Map;for(let p of t.intervals)c.set(p.interval,{...p,examples:[]});let u=0;for(let p=0;p<r.length;p++){let h=r[p];if(u+h>e.length)throw new Error("example lengths exceed the token array");let A=Array.from(e.subarray(u,u+h),v=>{let S=t.strings[v];if(S===void 0)throw new Error(`token index ${v} is not in the string table`);return S}),k=s[p];c.has(k)||c.set(k,{interval:k,lo:NaN,hi:NaN,n:0,examples:[]}),c.get(k)?.examples.push({tokens:A,acts:n.subarray(u,u+h),maxIndex:o[p],seq:i[p],pos:d[p]}),u+=h}if(u!==e.length)throw new Error("example lengths do not cover the token array");let m=p=>p.interval===-1?1/0:p.interval;return[...c.values()].sort((p,h)=>m(h)-m(p))}function et(t){if(t.feature===void 0||t.value===void 0)return[];let e=y(t.feature).data,n=y(t.value).data,r=t.count===void 0?null:y(t.count).data;return Array.from(e,(o,s)=>({feature:o,value:n[s],count:r===null?null:r[s]}))}function W(t){return t===void 0?null:y(t)}function nt(t){return[...new Set(t.split(",").map(e=>e.trim()).filter(e=>e!==""))]}function rt(t){let e=[];return t.dead&&e.push("dead"),t.ultra_rare&&e.push("ultra-rare"),t.dense&&e.push("dense"),e}var _t=600,at={label:"",status:"unreviewed",tags:[],note:""};function Mt(){let t=a("div",{class:"sw-form sw-form-ro",attrs:{"data-testid":"annotation"}});return{el:t,fill(e){let n=e??at;t.replaceChildren(a("div",{class:"sw-ro-row"},a("span",{class:"sw-muted"},"label "),a("span",{class:"sw-ro-label"},n.label||"\u2013")),a("div",{class:"sw-ro-row"},a("span",{class:"sw-muted"},"status "),a("span",{class:"sw-ro-status"},n.status)),a("div",{class:"sw-ro-row"},a("span",{class:"sw-muted"},"tags "),a("span",{},n.tags.join(", ")||"\u2013"))),n.note&&t.append(a("div",{class:"sw-ro-note"},n.note))},flush:async()=>{},setStatus:async()=>{},focusLabel(){}}}function ot(t,e,n){if(!t)return Mt();let r=a("input",{class:"sw-in-label",attrs:{type:"text",placeholder:"label (l or Enter)","aria-label":"label","data-testid":"label"}}),o=a("input",{attrs:{type:"text",placeholder:"tags, comma-separated","aria-label":"tags","data-testid":"tags"}}),s=a("textarea",{attrs:{placeholder:"note","aria-label":"note",rows:"2","data-testid":"note"}}),i=a("span",{class:"sw-saved",attrs:{"data-testid":"saved","aria-live":"polite"}}),d=a("div",{class:"sw-status-row",attrs:{role:"radiogroup","aria-label":"status"}}),c=e.map((g,w)=>{let f=a("button",{class:"sw-chip",attrs:{type:"button",role:"radio","data-status":g}},`${w+1} ${g}`);return f.addEventListener("click",()=>void $(g)),d.append(f),f}),u=a("div",{class:"sw-form",attrs:{"data-testid":"annotation"}},r,d,o,s,i),m=-1,p={},h,A=Promise.resolve(),k=g=>c.forEach(w=>w.setAttribute("aria-checked",String(w.dataset.status===g))),v=(g,w)=>{i.textContent=g,i.dataset.state=w},S=(g,w)=>(v("saving\u2026","saving"),A=A.then(async()=>{try{let f=await n(w,g);w===m&&k(f.status),v(`saved ${new Date().toLocaleTimeString()}`,"saved")}catch(f){v(`not saved: ${f instanceof Error?f.message:String(f)}`,"error")}}),A),T=()=>{clearTimeout(h);let g=p;return p={},Object.keys(g).length===0?A:S(g,m)},L=g=>{p={...p,...g},v("editing\u2026","editing"),clearTimeout(h),h=setTimeout(()=>void T(),_t)},$=g=>(k(g),p={...p,status:g},T());r.addEventListener("input",()=>L({label:r.value})),o.addEventListener("input",()=>L({tags:nt(o.value)})),s.addEventListener("input",()=>L({note:s.value}));for(let g of[r,o,s])g.addEventListener("change",()=>void T());return r.addEventListener("keydown",g=>{g.key==="Enter"&&T()}),{el:u,fill(g,w){w!==m&&(T(),v("","")),m=w;let f=g??at;r.value=f.label,o.value=f.tags.join(", "),s.value=f.note,k(f.status)},flush:T,setStatus:$,focusLabel(){r.focus(),r.select()}}}function st(t){let e=/^#([0-9a-f]{6})$/i.exec(t);if(e===null)throw new Error(`not a #rrggbb colour: ${t}`);let n=parseInt(e[1],16);return[n>>16&255,n>>8&255,n&255]}function Pt(t,e){return!(e>0)||!(t>0)?0:Math.min(1,t/e)}function jt(t,e){return Math.round(.85*Pt(t,e)*1e3)/1e3}function it(t,e,n){let r=jt(e,n);return r===0?"transparent":`rgba(${t[0]}, ${t[1]}, ${t[2]}, ${r})`}function b(t){if(Number.isNaN(t))return"NaN";if(!Number.isFinite(t))return t>0?"\u221E":"\u2212\u221E";if(t===0)return"0";let e=Math.abs(t);if(e<.001||e>=1e6)return t.toExponential(2).replace("-","\u2212");let n=Math.max(0,2-Math.floor(Math.log10(e)));return t.toFixed(n).replace("-","\u2212")}function lt(t){return t===0?"0%":`${b(t*100)}%`}function Ct(t){let e=t.charCodeAt(0);return e===127?"\u2421":String.fromCharCode(9216+e)}function z(t){if(t.length===0)return[{kind:"mark",text:"\u2205"}];if(/^ +$/.test(t))return[{kind:"mark",text:"\xB7".repeat(t.length)}];let e=[],n=(r,o)=>{let s=e[e.length-1];s!==void 0&&s.kind===r&&r!=="break"?s.text+=o:e.push({kind:r,text:o})};for(let r of t)r===`
`?(n("mark","\u21B5"),n("break",`
`)):r==="	"?n("mark","\u2192"):r==="\r"?n("mark","\u240D"):/[\u0000-\u001f\u007f]/.test(r)?n("mark",Ct(r)):n("text",r);return e}function F(t){return z(t).filter(e=>e.kind!=="break").map(e=>e.text).join("")}function Nt(t){return t.map(e=>z(e).filter(n=>n.kind!=="break").map(n=>n.text).join(""))}function dt(t,e,n){if(t.acts.length!==t.tokens.length)throw new Error(`${t.tokens.length} tokens but ${t.acts.length} activations`);let r=a("div",{class:"sw-example"});return Nt(t.tokens).forEach((o,s)=>{let i=t.acts[s],d=a("span",{class:s===t.maxIndex?"sw-tok sw-max":"sw-tok",title:`${F(t.tokens[s])}: ${b(i)}`});d.textContent=o,d.style.background=it(e,i,n),r.append(d)}),r}function ct(t,e,n){if(t.length!==e.length+1)throw new Error(`histogram needs ${e.length+1} edges for ${e.length} bins`);if(e.length===0)return[];let r=t[0],o=t[t.length-1]-r||1,s=u=>n.log?Math.log10(1+u):u,i=0;for(let u=0;u<e.length;u++)i=Math.max(i,s(e[u]));let d=n.gap??1,c=[];for(let u=0;u<e.length;u++){let m=(t[u]-r)/o*n.width,p=(t[u+1]-r)/o*n.width,h=i>0?s(e[u])/i*n.height:0;c.push({x:m,y:n.height-h,width:Math.max(.5,p-m-d),height:h,count:e[u],lo:t[u],hi:t[u+1]})}return c}function ut(t,e){return t.find(n=>e>=n.x&&e<n.x+n.width+1)??null}function pt(t,e,n,r){let o=globalThis.devicePixelRatio||1;t.width=Math.round(n.width*o),t.height=Math.round(n.height*o),t.style.width=`${n.width}px`,t.style.height=`${n.height}px`;let s=t.getContext("2d");if(s===null)throw new Error("canvas 2D context unavailable");s.setTransform(o,0,0,o,0,0),s.clearRect(0,0,n.width,n.height),s.fillStyle=r;for(let i of e)s.fillRect(i.x,i.y,i.width,i.height)}var mt="#e4572e",Ft={width:300,height:72};function I(t,e){let n=e[String(t)];return a("span",{class:"sw-fname"},a("span",{class:"sw-fid"},`#${t}`),n?a("span",{class:"sw-flabel"},n):null)}var Bt=[["density","density",lt],["count","count",t=>t.toLocaleString("en-US")],["max_act","max act",b],["mean_act","mean act",b],["enc_bias","enc bias",b],["de_projection","D/E projection",b]],Rt={density:"fraction of harvested tokens on which the feature fires",count:"number of harvested tokens on which the feature fires",max_act:"largest activation seen",mean_act:"mean of the non-zero activations",enc_bias:"encoder bias of the feature",de_projection:"cosine between the feature's encoder column and decoder row"};function gt(t){let e=a("div",{class:"sw-card-stats",attrs:{"data-testid":"stats"}});for(let[n,r,o]of Bt){let s=t[n],i=a("div",{class:"sw-stat",title:Rt[n]??"",attrs:{"data-stat":n}},a("span",{class:"sw-stat-name"},r),a("span",{class:"sw-stat-value"},typeof s=="number"?o(s):"\u2013"));typeof s=="number"&&(i.dataset.value=String(s)),e.append(i)}return e}function ht(t){return rt(t).map(e=>a("span",{class:`sw-flag sw-flag-${e}`},e))}function Ht(t,e){if(t.interval===-1){let r=typeof e=="number"?` of ${e.toLocaleString("en-US")}`:"";return`Top ${t.examples.length}${r} activations`}let n=t.n.toLocaleString("en-US");return`Interval ${b(t.lo)} \u2013 ${b(t.hi)} \xB7 ${n} activations`}function wt(t,e){let n=tt(t.examples),r=t.stats.max_act??0,o=st(mt),s=a("div",{class:"sw-card-examples",attrs:{"data-testid":"examples"}});if(n.length===0||n.every(i=>i.examples.length===0))return s.append(a("div",{class:"sw-muted"},"This feature never fired on the harvested tokens.")),s;for(let i of n){let d=a("section",{class:i.interval===-1?"sw-group sw-group-top":"sw-group",attrs:{"data-interval":String(i.interval)}});d.append(a("h4",{},Ht(i,t.stats.count)));for(let c of i.examples){let u=dt(c,o,r);u.querySelectorAll(".sw-tok").forEach((m,p)=>{m.dataset.tip=m.title,m.dataset.value=String(c.acts[p]),m.removeAttribute("title")}),u.dataset.seq=String(c.seq),u.dataset.pos=String(c.pos),d.append(u)}s.append(d)}return s.addEventListener("mouseover",i=>{let d=i.target instanceof Element?i.target.closest(".sw-tok"):null,c=d?.closest(".sw-example");!d||!c||e.show(d,a("div",{},a("div",{class:"sw-tip-head"},a("b",{},d.dataset.tip??"")),a("div",{class:"sw-muted"},`sequence ${c.dataset.seq}, max at position ${c.dataset.pos}`)))}),s.addEventListener("mouseleave",()=>e.hide()),s}function U(t,e,n,r,o){let s=y(t).data,i=y(e).data,d=a("div",{class:"sw-hist"});if(i.length===0)return d.append(a("div",{class:"sw-muted"},"no non-zero values")),d;let c=a("canvas",{attrs:{role:"img"}}),u={...Ft,log:n},m=ct(s,i,u);c.setAttribute("aria-label",`histogram of ${i.length} bins`);try{pt(c,m,u,mt)}catch{}return c.addEventListener("mousemove",p=>{let h=ut(m,p.offsetX);if(h===null)return r.hide();r.show(c,a("div",{},`${b(h.lo)} \u2013 ${b(h.hi)}: ${h.count.toLocaleString("en-US")} ${o}`))}),c.addEventListener("mouseleave",()=>r.hide()),d.append(c,a("div",{class:"sw-hist-axis sw-muted"},a("span",{},b(s[0])),a("span",{},b(s[s.length-1])))),d}function ft(t,e,n,r){let o=a("table",{class:`sw-logits ${r}`},a("caption",{},t));return e.forEach((s,i)=>o.append(a("tr",{},a("td",{class:"sw-logit-tok"},F(s)),a("td",{class:"sw-num"},b(n[i]))))),o}function bt(t,e,n){let r=t.logits,o=a("div",{class:"sw-card-logits",attrs:{"data-testid":"logits"}});if(o.append(a("div",{class:"sw-muted sw-note"},"direct path, final layer norm ignored")),r.error!==void 0)return o.append(a("div",{class:"sw-muted"},r.error)),o;let s=W(r.top_values),i=W(r.bottom_values);return o.append(a("div",{class:"sw-logit-tables"},ft("Positive",r.top_tokens??[],s?.data??[],"sw-pos"),ft("Negative",r.bottom_tokens??[],i?.data??[],"sw-neg"))),r.hist_edges!==void 0&&r.hist_counts!==void 0&&o.append(U(r.hist_edges,r.hist_counts,e,n,"tokens")),o}var Wt={cosine:"Decoder cosine",cooccurrence:"Co-occurrence (lift \xB7 tokens together)",output:"Output similarity"};function xt(t){let e=new Set(t.missing),n=a("div",{class:"sw-card-neighbours",attrs:{"data-testid":"neighbours"}});for(let[r,o]of Object.entries(t.neighbours)){let s=a("ol",{class:"sw-nb-list",attrs:{"data-kind":r}}),i=a("section",{},a("h4",{},Wt[r]??r),s);o.error!==void 0&&s.append(a("li",{class:"sw-muted"},o.error));let d=et(o);o.error===void 0&&d.length===0&&s.append(a("li",{class:"sw-muted"},"none"));for(let c of d){let u=c.count===null?b(c.value):`${b(c.value)} \xB7 ${c.count.toLocaleString("en-US")}\xD7`,m=a("button",{class:"sw-nb",attrs:{type:"button","data-feature":String(c.feature)}},I(c.feature,t.labels),a("span",{class:"sw-num"},u));e.has(c.feature)&&(m.disabled=!0,m.title="not in this export",m.append(a("span",{class:"sw-muted sw-nb-missing"},"not exported"))),s.append(a("li",{},m))}n.append(i)}return n}var zt=new Set(["INPUT","TEXTAREA","SELECT"]);function It(t){return t instanceof Error?t.message:String(t)}function yt(t,e,n,r={}){let o=e.get("_standalone")===!0,s=e.get("editable")===!0&&!o,i=e.get("statuses")??[],d=a("div",{class:`sw-root sw-card ${r.className??""}`.trim(),attrs:{tabindex:"0","data-testid":"card"}});X(d,V+Z);let c=Y(),u=a("button",{class:"sw-nav",attrs:{type:"button","aria-label":"previous feature (k)","data-testid":"prev"}},"\u2039"),m=a("button",{class:"sw-nav",attrs:{type:"button","aria-label":"next feature (j)","data-testid":"next"}},"\u203A"),p=a("h3",{class:"sw-card-title",attrs:{"data-testid":"title"}}),h=a("span",{class:"sw-flags"}),A=a("div",{class:"sw-card-extra"}),k=a("div",{class:"sw-muted sw-card-source"},String(e.get("source")??"")),v=a("div",{}),S=a("div",{class:"sw-card-main"}),T=a("div",{}),L=a("div",{}),$=a("div",{}),g=a("input",{attrs:{type:"checkbox","aria-label":"log counts"}}),w=a("div",{class:"sw-card-notice sw-muted",attrs:{"data-testid":"notice"}});w.hidden=!0;let f=null,j=0,_=ot(s,i,async(l,x)=>{let E=await H(n,"annotate",{feature:l,...x});if(f!==null&&f.feature===l){f.annotation=E.annotation;let P={...f.labels};E.annotation.label?P[String(l)]=E.annotation.label:delete P[String(l)],f.labels=P,O(f)}return E.annotation}),C=(l,...x)=>a("section",{class:"sw-card-section"},a("h4",{class:"sw-section-title"},l),...x),D=a("div",{class:"sw-card-side"},C("Activation histogram (non-zero)",a("label",{class:"sw-muted sw-log"},g," log counts"),T),C("Logit weights",L),C("Neighbours",$)),B=C("Annotation",_.el);B.classList.add("sw-card-form"),r.formFirst||D.append(B),d.append(c.el,a("div",{class:"sw-card-head"},u,p,h,m,A),k,w,v,a("div",{class:"sw-card-body"},S,D)),r.formFirst&&v.after(B),t.replaceChildren(d);let N=J(d);function O(l){p.replaceChildren("Feature ",I(l.feature,l.labels))}let G=l=>{let x=g.checked;T.replaceChildren(U(l.hist.edges,l.hist.counts,x,N,"activations")),L.replaceChildren(bt(l,x,N))},vt=l=>{O(l),h.replaceChildren(...ht(l.stats)),u.disabled=l.prev===null,m.disabled=l.next===null,v.replaceChildren(gt(l.stats)),S.replaceChildren(wt(l,N)),G(l),$.replaceChildren(xt(l)),_.fill(l.annotation,l.feature)},kt=async l=>{let x=++j;d.classList.add("sw-loading");try{let E=await H(n,"card",{feature:l});if(x!==j)return;vt(E),f=E,w.hidden=!0,c.show(String(e.get("error")??"")),r.onShow?.(E)}catch(E){if(x!==j)return;let P=It(E);o&&P.includes("needs a running Python kernel")?(w.textContent=`Feature ${l} is not in this export.`,w.hidden=!1):c.show(`Feature ${l}: ${P}`)}finally{x===j&&d.classList.remove("sw-loading")}},M=l=>{l!==null&&(N.hide(),_.flush(),e.set("feature",l),e.save_changes())},K={root:d,extra:A,form:_,payload:()=>f,go:M,destroy:Et};u.addEventListener("click",()=>M(f?.prev??null)),m.addEventListener("click",()=>M(f?.next??null)),g.addEventListener("change",()=>f&&G(f)),$.addEventListener("click",l=>{let x=l.target instanceof Element?l.target.closest(".sw-nb"):null;x&&!x.disabled&&M(Number(x.dataset.feature))}),d.addEventListener("keydown",l=>{let x=l.target;if(zt.has(x.tagName)){l.key==="Escape"&&(_.flush(),d.focus(),l.preventDefault());return}if(!(l.altKey||l.ctrlKey||l.metaKey)){if(r.onKey?.(l,K)){l.preventDefault();return}if(l.key==="j"||l.key==="ArrowRight")M(f?.next??null);else if(l.key==="k"||l.key==="ArrowLeft")M(f?.prev??null);else return;l.preventDefault()}});let R=()=>void kt(Number(e.get("feature"))),q=()=>c.show(String(e.get("error")??""));e.on("change:feature",R),e.on("change:error",q);function Et(){e.off("change:feature",R),e.off("change:error",q),_.flush()}return R(),K}function Ut({model:t,el:e,experimental:n}){let r=yt(e,t,n.invoke);return()=>r.destroy()}var Le={render:Ut};export{Le as default};
