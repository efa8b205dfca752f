// Browser side of the journey designer: keyboard shortcuts that must suppress the browser's own
// (Ctrl+S would save the page), the "leave with unsaved changes?" prompt, clipboard and new tabs.
let editor = null;
let dirty = false;

function onKeyDown(e) {
    if (!editor) return;
    const mod = e.ctrlKey || e.metaKey;
    if (!mod) return;
    const key = e.key.toLowerCase();
    const inField = e.target instanceof Element && e.target.closest('input, textarea, select, [contenteditable="true"]');
    if (key === 's') {
        e.preventDefault();
        editor.invokeMethodAsync('OnShortcut', 'save');
    } else if (!inField && key === 'z') {
        e.preventDefault();
        editor.invokeMethodAsync('OnShortcut', e.shiftKey ? 'redo' : 'undo');
    } else if (!inField && key === 'y') {
        e.preventDefault();
        editor.invokeMethodAsync('OnShortcut', 'redo');
    }
}

function onBeforeUnload(e) {
    if (!dirty) return;
    e.preventDefault();
    e.returnValue = '';
}

let resizeFrame = 0;

function onResize() {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => editor?.invokeMethodAsync('OnWindowResized', window.innerWidth));
}

// The navigator (minimap) draws the journey in an SVG whose viewBox is in canvas coordinates, so the pointer's
// point in that SVG is the canvas point to centre on. Listening on the window in the capture phase keeps the
// pointer from also starting a pan of the canvas underneath.
let navigating = false;
let navigatorFrame = 0;

function navigatorPoint(e) {
    const svg = e.target instanceof Element && e.target.closest('.jn-navigator svg');
    const matrix = svg && svg.getScreenCTM();
    return matrix ? new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse()) : null;
}

function centreOn(point) {
    cancelAnimationFrame(navigatorFrame);
    navigatorFrame = requestAnimationFrame(() => editor?.invokeMethodAsync('OnNavigatorPoint', point.x, point.y));
}

function onNavigatorDown(e) {
    const point = editor && e.button === 0 && navigatorPoint(e);
    if (!point) return;
    e.stopPropagation();
    e.preventDefault();
    navigating = true;
    centreOn(point);
}

function onNavigatorMove(e) {
    if (!navigating) return;
    e.stopPropagation();
    const point = navigatorPoint(e);
    if (point) centreOn(point);
}

function onNavigatorUp(e) {
    if (!navigating) return;
    navigating = false;
    e.stopPropagation();
}

// Returns the window's width, so that the editor lays itself out for small screens from its first render.
export function attach(dotnetEditor) {
    editor = dotnetEditor;
    window.addEventListener('pointerdown', onNavigatorDown, true);
    window.addEventListener('pointermove', onNavigatorMove, true);
    window.addEventListener('pointerup', onNavigatorUp, true);
    document.addEventListener('keydown', onKeyDown);
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('resize', onResize);
    // The script is usually attached before the canvas is drawn; measuring then starts the moment it appears,
    // without waiting for the server's startMeasuring call.
    const layer = findLayer(document);
    if (layer) {
        observeLayer(layer);
    } else {
        canvasWatcher = new MutationObserver(() => {
            const layer = findLayer(document);
            if (!layer) return;
            canvasWatcher.disconnect();
            canvasWatcher = null;
            observeLayer(layer);
        });
        canvasWatcher.observe(document.body, { childList: true, subtree: true });
    }
    return window.innerWidth;
}

export function detach() {
    stopMeasuring();
    editor = null;
    dirty = false;
    navigating = false;
    window.removeEventListener('pointerdown', onNavigatorDown, true);
    window.removeEventListener('pointermove', onNavigatorMove, true);
    window.removeEventListener('pointerup', onNavigatorUp, true);
    document.removeEventListener('keydown', onKeyDown);
    window.removeEventListener('beforeunload', onBeforeUnload);
    window.removeEventListener('resize', onResize);
}

export function setDirty(value) {
    dirty = value;
}

export function openTab(url) {
    window.open(url, '_blank', 'noopener');
}

export async function copyText(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        // Plain-http deployments have no clipboard API; the old selection route still works there.
        const area = document.createElement('textarea');
        area.value = text;
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        const ok = document.execCommand('copy');
        area.remove();
        return ok;
    }
}

// Node and port geometry. The diagram library measures every node with its own ResizeObserver report and then
// every port with one getBoundingClientRect round trip each (4-6 round trips per node), which made large journeys
// slow to open. Step nodes opt out of that (ControlledSize); here one observer reports every node whose size
// changed, together with the offsets of its ports, in a single call per frame.
let sizeObserver = null;
let layerObserver = null;
let measuredLayer = null;
let canvasWatcher = null;

const round = v => Math.round(v * 100) / 100;

function measureNode(node, scale) {
    const box = node.getBoundingClientRect();
    const ports = [...node.querySelectorAll('.diagram-port[data-port-id]')].map(port => {
        const r = port.getBoundingClientRect();
        return { id: port.dataset.portId, x: round((r.left - box.left) / scale), y: round((r.top - box.top) / scale), width: round(r.width / scale), height: round(r.height / scale) };
    });
    return { id: node.dataset.nodeId, width: round(box.width / scale), height: round(box.height / scale), ports };
}

// The zoom of the layer the nodes are drawn in; sizes and offsets are sent unzoomed, so pan and zoom never matter.
function scaleOf(layer) {
    const transform = getComputedStyle(layer).transform;
    const scale = transform && transform !== 'none' ? new DOMMatrixReadOnly(transform).a : 1;
    return scale > 0 ? scale : 1;
}

function isNodeElement(el) {
    return el instanceof Element && el.classList.contains('diagram-node') && el.dataset.nodeId;
}

const findLayer = root => root.querySelector('.jn-canvas-host .diagram-html-layer');

export function startMeasuring(canvasHost) {
    const layer = canvasHost && findLayer(canvasHost.parentElement || canvasHost);
    if (!layer) return false;
    observeLayer(layer);
    return true;
}

function observeLayer(layer) {
    if (measuredLayer === layer) return;
    stopMeasuring();
    measuredLayer = layer;
    sizeObserver = new ResizeObserver(entries => {
        if (!editor) return;
        const scale = scaleOf(layer);
        const measured = [];
        for (const entry of entries) {
            const node = entry.target;
            // Zero size: the node was removed or hidden; there is nothing to measure.
            if (!node.isConnected || entry.contentRect.width === 0 && entry.contentRect.height === 0) continue;
            measured.push(measureNode(node, scale));
        }
        // SignalR refuses messages over 32 KB by default, so a large journey is reported in a few parts.
        let part = [];
        let length = 0;
        for (const node of measured) {
            const size = JSON.stringify(node).length;
            if (part.length > 0 && length + size > 24000) {
                editor.invokeMethodAsync('OnNodesMeasured', part);
                part = [];
                length = 0;
            }
            part.push(node);
            length += size + 1;
        }
        if (part.length > 0) editor.invokeMethodAsync('OnNodesMeasured', part);
    });
    for (const node of layer.children) if (isNodeElement(node)) sizeObserver.observe(node);
    layerObserver = new MutationObserver(records => {
        for (const record of records) {
            for (const added of record.addedNodes) if (isNodeElement(added)) sizeObserver.observe(added);
            for (const removed of record.removedNodes) if (isNodeElement(removed)) sizeObserver.unobserve(removed);
        }
    });
    layerObserver.observe(layer, { childList: true });
}

function stopMeasuring() {
    canvasWatcher?.disconnect();
    canvasWatcher = null;
    measuredLayer = null;
    sizeObserver?.disconnect();
    layerObserver?.disconnect();
    sizeObserver = null;
    layerObserver = null;
}
