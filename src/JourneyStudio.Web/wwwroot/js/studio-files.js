// Browser-side file helpers for the studio pages (Blazor Server cannot hand the browser a file itself).

/** Offers `text` to the user as a download named `fileName`. */
export function downloadText(fileName, text, contentType) {
    const blob = new Blob([text], { type: contentType || "application/json" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Copies `text` to the clipboard; false when the browser refuses (e.g. not a secure context). */
export async function copyText(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        return false;
    }
}
