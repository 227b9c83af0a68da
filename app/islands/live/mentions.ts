// @mention suggestions in post bodies: as the member types "@Ja", names of people who may read
// the thread are offered as buttons; without this script, typing the name works the same.

interface Suggestion {
  displayName: string;
  insert: string;
}

function wire(area: HTMLTextAreaElement): void {
  const box = document.createElement("div");
  box.className = "mention-suggestions";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", area.dataset.mentions ?? "");
  box.hidden = true;
  area.after(box);

  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const render = (suggestions: Suggestion[]) => {
    box.replaceChildren(
      ...suggestions.map((suggestion) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button button--quiet";
        button.textContent = `@${suggestion.displayName}`;
        button.addEventListener("click", () => insert(suggestion.insert));
        return button;
      }),
    );
    box.hidden = suggestions.length === 0;
  };

  const insert = (mention: string) => {
    const caret = area.selectionStart;
    const before = area.value.slice(0, caret).replace(/@\[?[^\s@\]]*$/u, `${mention} `);
    area.value = before + area.value.slice(caret);
    area.focus();
    area.setSelectionRange(before.length, before.length);
    render([]);
  };

  area.addEventListener("input", () => {
    const before = area.value.slice(0, area.selectionStart);
    const query = /(?:^|\s)@\[?([^\s@\]]{1,30})$/u.exec(before)?.[1];
    clearTimeout(timer);
    controller?.abort();
    if (!query) return render([]);
    timer = setTimeout(() => {
      controller = new AbortController();
      fetch(`/discussions/mentions?q=${encodeURIComponent(query)}`, { signal: controller.signal, headers: { accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { suggestions: [] }))
        .then((body: { suggestions: Suggestion[] }) => render(body.suggestions))
        .catch(() => undefined);
    }, 150);
  });
}

export function wireMentions(): void {
  for (const area of document.querySelectorAll<HTMLTextAreaElement>("textarea[data-mentions]")) wire(area);
}
