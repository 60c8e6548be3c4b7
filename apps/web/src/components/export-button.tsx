import { useState } from 'react';
import { Button } from './button';
import { DownloadIcon } from './icons';
import { toast } from './toast';
import { getErrorMessage } from '../lib/api-client';

export type ExportButtonProps = {
  /** Downloads the file; resolves with its name. */
  onExport: () => Promise<string>;
  children?: string;
  size?: 'sm' | 'md';
  /** Accessible name when it differs from the label (e.g. "Export this day"). */
  label?: string;
};

/** An Excel download that shows its progress and cannot be clicked twice while it runs. */
export function ExportButton({ onExport, children = 'Export', size = 'md', label }: ExportButtonProps) {
  const [busy, setBusy] = useState(false);
  async function run() {
    if (busy) return;
    setBusy(true);
    try {
      const name = await onExport();
      toast.success(`Downloaded ${name}`);
    } catch (error) {
      toast.error(getErrorMessage(error), { title: 'Export failed' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button icon={<DownloadIcon size={16} />} size={size} onClick={() => void run()} loading={busy} loadingText="Exporting…" aria-label={label}>
      {children}
    </Button>
  );
}
