// The one kind of notice islands show: "something new — show", which reloads the page (or
// follows a link), so nothing moves under the reader until they ask.

export function refreshNotice(region: HTMLElement, label: string, href?: string): void {
  let control = region.querySelector<HTMLElement>("[data-live-notice]");
  if (!control || (href ? control.tagName !== "A" : control.tagName !== "BUTTON")) {
    control?.remove();
    if (href) {
      const link = document.createElement("a");
      link.href = href;
      control = link;
    } else {
      const button = document.createElement("button");
      button.type = "button";
      button.addEventListener("click", () => window.location.reload());
      control = button;
    }
    control.className = "button new-replies";
    control.dataset.liveNotice = "";
    region.prepend(control);
  }
  control.textContent = label;
}
