import { create } from 'zustand';
import { getErrorMessage } from '../lib/api-client';

export type ToastTone = 'success' | 'error' | 'info';
export type Toast = { id: number; tone: ToastTone; message: string; title?: string };
export type ToastOptions = { title?: string; /** ms; 0 keeps it until dismissed */ duration?: number };

type ToastState = {
  toasts: Toast[];
  push: (tone: ToastTone, message: string, options?: ToastOptions) => number;
  dismiss: (id: number) => void;
  clear: () => void;
};

const MAX_TOASTS = 4;
const DEFAULT_DURATION: Record<ToastTone, number> = { success: 4000, info: 5000, error: 8000 };
let nextId = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push: (tone, message, options = {}) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts, { id, tone, message, title: options.title }].slice(-MAX_TOASTS) }));
    const duration = options.duration ?? DEFAULT_DURATION[tone];
    if (duration > 0) setTimeout(() => get().dismiss(id), duration);
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
  clear: () => set({ toasts: [] }),
}));

/** `toast.success('Entry saved')`, `toast.error(error)` (an ApiError shows its message). */
export const toast = {
  success: (message: string, options?: ToastOptions) => useToasts.getState().push('success', message, options),
  info: (message: string, options?: ToastOptions) => useToasts.getState().push('info', message, options),
  error: (messageOrError: unknown, options?: ToastOptions) =>
    useToasts
      .getState()
      .push('error', typeof messageOrError === 'string' ? messageOrError : getErrorMessage(messageOrError), options),
  dismiss: (id: number) => useToasts.getState().dismiss(id),
};
