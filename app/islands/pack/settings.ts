// Settings: mark this device as one's own (the pack is kept and refreshed), see its size against
// the cap, refresh now, and roughly what Praxis used this month on this device.
import { OWN_DEVICE_KEY } from "~/infra/quick-exit";
import { forgetThisDevice } from "~/ui/forget-device";
import { fill, type Templates } from "../strings";
import { forgetKey, packKey } from "./key";
import { readPack, refreshPack } from "./sync";
import { readUsage } from "./usage";

const kb = (bytes: number) => Math.max(1, Math.round(bytes / 1024));

export function isOwnDevice(): boolean {
  try {
    return localStorage.getItem(OWN_DEVICE_KEY) === "1";
  } catch {
    return false;
  }
}

export function wireSettings(host: HTMLElement, templates: Templates): void {
  const label = document.createElement("label");
  label.className = "checkbox";
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = "pack-own-device";
  box.checked = isOwnDevice();
  label.append(box, ` ${fill(templates, "ownDevice")}`);
  const hint = document.createElement("p");
  hint.className = "muted";
  hint.textContent = fill(templates, "ownDeviceHint");
  const status = document.createElement("p");
  status.id = "pack-status";
  status.setAttribute("role", "status");
  const refresh = document.createElement("button");
  refresh.type = "button";
  refresh.className = "button";
  refresh.textContent = fill(templates, "refresh");
  const read = document.createElement("a");
  read.href = "/offline";
  read.textContent = fill(templates, "openReader");
  const usage = document.createElement("p");
  usage.id = "data-usage";
  const row = document.createElement("div");
  row.className = "row";
  row.append(refresh, read);
  host.replaceChildren(label, hint, status, row, usage);

  const showUsage = () => {
    usage.textContent = fill(templates, "usage", { kb: kb(readUsage().bytes) });
  };
  const show = async () => {
    row.hidden = !box.checked;
    showUsage();
    if (!box.checked) {
      status.textContent = fill(templates, "off");
      return;
    }
    const key = await packKey().catch(() => null);
    const pack = key ? await readPack(key) : null;
    if (!pack?.meta) {
      status.textContent = fill(templates, "empty");
      return;
    }
    status.textContent = [
      fill(templates, "size", { count: pack.items.length, kb: kb(pack.storedBytes), limit: Math.round(pack.meta.limitBytes / (1024 * 1024)) }),
      pack.meta.leftOut > 0 ? fill(templates, "leftOut", { count: pack.meta.leftOut }) : "",
      fill(templates, "updated", { when: new Date(pack.meta.refreshedAt).toLocaleString(document.documentElement.lang === "fr" ? "fr-FR" : "en-GB") }),
    ]
      .filter(Boolean)
      .join(" ");
  };
  const update = async () => {
    status.textContent = fill(templates, "refreshing");
    try {
      await refreshPack();
    } catch {
      status.textContent = fill(templates, "failed");
      return;
    }
    await show();
  };
  box.addEventListener("change", () => {
    if (box.checked) {
      try {
        localStorage.setItem(OWN_DEVICE_KEY, "1");
      } catch {
        // Storage off: nothing can be kept.
      }
      void update();
    } else {
      forgetKey();
      void forgetThisDevice().then(show);
    }
  });
  refresh.addEventListener("click", () => void update());
  void show();
}
