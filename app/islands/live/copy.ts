// Copy buttons: a small enhancement beside a read-only field (a calendar feed address). Without
// JavaScript the button stays hidden and the field can be selected and copied by hand.
export function wireCopyButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy-target]")) {
    const field = document.getElementById(button.dataset.copyTarget ?? "") as HTMLInputElement | null;
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    const status = button.parentElement?.querySelector<HTMLElement>("[data-copy-status]");
    button.addEventListener("click", () => {
      void navigator.clipboard.writeText(field.value).then(
        () => {
          if (status) status.textContent = button.dataset.copied ?? "";
        },
        () => field.select(),
      );
    });
  }
}
