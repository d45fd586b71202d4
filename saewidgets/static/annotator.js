var y=`/* Shared look of every saewidgets widget (scoped under .sw-root). Follows JupyterLab's theme
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
`;async function g(e,t,a){let r=t.get(a);if(r==null)return null;if(e===void 0)throw new Error("this widget is composed of child widgets and needs anywidget 0.11 or later in the front end");let[n,i]=await Promise.all([e.getModel(String(r)),e.getWidget(String(r))]);return{model:n,mount:d=>i.render({el:d})}}var T={float32:Float32Array,float64:Float64Array,int8:Int8Array,int16:Int16Array,int32:Int32Array,uint8:Uint8Array,uint16:Uint16Array,uint32:Uint32Array};function w(e){let t=T[e.dtype];if(t===void 0)throw new Error(`unsupported dtype ${String(e.dtype)}`);let a=e.shape.reduce((d,c)=>d*c,1),r=e.data instanceof ArrayBuffer?new Uint8Array(e.data):new Uint8Array(e.data.buffer,e.data.byteOffset,e.data.byteLength);if(r.byteLength!==a*t.BYTES_PER_ELEMENT)throw new Error(`array of shape [${e.shape.join(", ")}] ${e.dtype} needs ${a*t.BYTES_PER_ELEMENT} bytes, got ${r.byteLength}`);let n=r.byteOffset%t.BYTES_PER_ELEMENT===0?r:new Uint8Array(r.slice()),i=n.buffer;return{data:new t(i,n.byteOffset,a),shape:e.shape}}function s(e,t={},...a){let r=document.createElement(e);t.class!==void 0&&(r.className=t.class),t.title!==void 0&&(r.title=t.title);for(let[n,i]of Object.entries(t.attrs??{}))r.setAttribute(n,i);for(let n of a)n==null||n===!1||r.append(typeof n=="string"?document.createTextNode(n):n);return r}function m(e,t){e.append(s("style",{},t))}function b(){let e=s("div",{class:"sw-error",attrs:{role:"alert"}});return e.hidden=!0,{el:e,show(t){e.textContent=t,e.hidden=t===""}}}var M=`
.sw-annotator-head { font-size: 12px; margin-bottom: 4px; }
.sw-annotator-head .sw-progress { font-variant-numeric: tabular-nums; }
.sw-annotator-head .sw-keys { font-size: 11px; }
`;async function C({model:e,el:t,host:a}){let r=s("div",{class:"sw-root sw-annotator-tool"});m(r,y+M);let n=b(),i=s("span",{class:"sw-progress",attrs:{"data-testid":"progress"}}),d=s("span",{class:"sw-muted sw-keys"}),c=s("div",{});r.append(n.el,s("div",{class:"sw-annotator-head"},i," \xB7 ",d),c),t.replaceChildren(r);let l;try{let o=await g(a,e,"card");if(o===null)throw new Error("the Annotator has no card widget");await o.mount(c),l=o.model}catch(o){return n.show(o instanceof Error?o.message:String(o)),()=>{}}let x=l.get("statuses")??[];d.textContent=`j/k or \u2190/\u2192 move \xB7 1\u2013${x.length} status \xB7 l or Enter label \xB7 Esc leave the box`;let f=()=>{let o=Array.from(w(e.get("queue")).data,Number),h=o.indexOf(Number(l.get("feature"))),v=Number(e.get("reviewed")),A=h>=0?`#${h+1} of ${o.length}`:"not in the queue";i.textContent=`${v} / ${o.length} reviewed \xB7 ${A}`},p=()=>n.show(String(e.get("error")??"")),u="change:queue change:reviewed";return e.on(u,f),e.on("change:error",p),l.on("change:feature",f),p(),f(),()=>{e.off(u,f),e.off("change:error",p),l.off("change:feature",f)}}var B={render:C};export{B as default};
