// Loads the Monaco editor (shipped in the BlazorMonaco package as static files, so nothing is fetched from elsewhere) the
// first time a page needs it, rather than on every studio page: editor.main.js alone is 3 MB.
// Script elements with a src on this origin are what the studio's CSP allows ('self'); nothing here is inline.

const root = '_content/BlazorMonaco/';
let loading = null;

function addScript(src) {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.addEventListener('load', () => resolve());
        script.addEventListener('error', () => reject(new Error('Could not load ' + src)));
        document.head.appendChild(script);
    });
}

export function load() {
    if (window.monaco && window.blazorMonaco) return Promise.resolve();
    if (loading) return loading;
    loading = (async () => {
        // jsInterop.js sets the AMD loader's configuration (a global `require` object) before loader.js reads it.
        await addScript(root + 'jsInterop.js');
        await addScript(root + 'lib/monaco-editor/min/vs/loader.js');
        await new Promise((resolve, reject) => window.require(['vs/editor/editor.main'], () => resolve(), reject));
    })();
    loading.catch(() => { loading = null; });
    return loading;
}
