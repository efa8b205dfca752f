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

export function attach(dotnetEditor) {
    editor = dotnetEditor;
    document.addEventListener('keydown', onKeyDown);
    window.addEventListener('beforeunload', onBeforeUnload);
}

export function detach() {
    editor = null;
    dirty = false;
    document.removeEventListener('keydown', onKeyDown);
    window.removeEventListener('beforeunload', onBeforeUnload);
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
