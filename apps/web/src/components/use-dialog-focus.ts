import { useEffect, useEffectEvent, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

// Open dialogs: only the top one answers Escape and traps Tab. A dialog opened from inside another
// is above it even when both mount together (React runs the inner effect first).
type OpenDialog = { depth: number };
const openDialogs: OpenDialog[] = [];

function isTopDialog(dialog: OpenDialog): boolean {
  const maxDepth = Math.max(...openDialogs.map((d) => d.depth));
  return openDialogs.findLast((d) => d.depth === maxDepth) === dialog;
}

function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hasAttribute('inert'));
}

/** Tab and Shift+Tab wrap around inside the dialog; focus outside it comes back in. */
function trapTab(event: KeyboardEvent, dialog: HTMLElement) {
  const items = focusableIn(dialog);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !dialog.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

type DialogFocusInput = {
  /** How many dialogs this one sits inside, plus one. */
  depth: number;
  dialogRef: RefObject<HTMLDivElement | null>;
  bodyRef: RefObject<HTMLDivElement | null>;
  initialFocusRef?: RefObject<HTMLElement | null>;
  onClose: () => void;
};

/**
 * While a dialog is open: it is on the stack of open dialogs, the page under it does not scroll,
 * the initial focus goes in, and (when it is the top dialog) Escape closes it and Tab stays in it.
 * On close the focus goes back to where it was.
 */
export function useDialogFocus({ depth, dialogRef, bodyRef, initialFocusRef, onClose }: DialogFocusInput) {
  const close = useEffectEvent(() => onClose());
  const focusInitial = useEffectEvent(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // A field inside may already have taken focus (autoFocus).
    if (dialog.contains(document.activeElement)) return;
    const target = initialFocusRef?.current ?? (bodyRef.current && focusableIn(bodyRef.current)[0]) ?? dialog;
    target.focus();
  });

  useEffect(() => {
    const token: OpenDialog = { depth };
    openDialogs.push(token);
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const previousOverflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    focusInitial();

    function onKeyDown(event: KeyboardEvent) {
      if (!isTopDialog(token)) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close();
        return;
      }
      if (event.key !== 'Tab' || !dialogRef.current) return;
      trapTab(event, dialogRef.current);
    }
    document.addEventListener('keydown', onKeyDown);

    return () => {
      document.removeEventListener('keydown', onKeyDown);
      openDialogs.splice(openDialogs.indexOf(token), 1);
      if (openDialogs.length === 0) document.body.style.overflow = previousOverflow;
      if (previouslyFocused?.isConnected) previouslyFocused.focus();
    };
    // depth never changes while a dialog is open: this runs once per opening.
  }, [depth, dialogRef]);
}
