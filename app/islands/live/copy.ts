// Copy buttons (ui/copy-field) on light pages: without JavaScript the button stays hidden and the
// field can be selected and copied by hand. Pages that hydrate wire their own (React owns them).
export function wireCopyButtons(): void {
  if (document.documentElement.hasAttribute("data-hydrates")) return;
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy-target]")) {
    const field = document.getElementById(button.dataset.copyTarget ?? "") as HTMLInputElement | null;
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    const status = button.parentElement?.querySelector<HTMLElement>("[data-copy-status]");
    button.addEventListener("click", () => {
      if (status) status.textContent = "";
      void navigator.clipboard.writeText(field.value).then(
        () => {
          if (status) status.textContent = button.dataset.copied ?? "";
        },
        () => field.select(),
      );
    });
  }
}
