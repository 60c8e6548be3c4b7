import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Button } from './button';
import { ConfirmDialog } from './confirm-dialog';
import { Modal } from './modal';
import { TextField } from './text-field';

function Harness({ onClose }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Open note</Button>
      <Modal
        open={open}
        title="Note"
        onClose={() => {
          onClose?.();
          setOpen(false);
        }}
        footer={<Button variant="danger">Stop</Button>}
      >
        <TextField label="What did you work on?" />
      </Modal>
    </>
  );
}

describe('Modal', () => {
  it('is a labelled modal dialog that focuses its first field on open', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Open note' }));
    const dialog = screen.getByRole('dialog', { name: 'Note' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(screen.getByLabelText('What did you work on?')).toHaveFocus();
  });

  it('closes on Escape and gives focus back to the button that opened it', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    const opener = screen.getByRole('button', { name: 'Open note' });
    await user.click(opener);
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('closes from the close button and keeps Tab inside the dialog', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    await user.click(screen.getByRole('button', { name: 'Open note' }));

    const field = screen.getByLabelText('What did you work on?');
    const close = screen.getByRole('button', { name: 'Close' });
    const stop = screen.getByRole('button', { name: 'Stop' });
    expect(field).toHaveFocus();
    await user.tab();
    expect(stop).toHaveFocus();
    await user.tab();
    expect(close).toHaveFocus(); // wrapped around, not out to the page
    await user.tab({ shift: true });
    expect(stop).toHaveFocus();

    await user.click(close);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('lets only the innermost dialog answer Escape', async () => {
    const user = userEvent.setup();
    const closeOuter = vi.fn();
    const closeInner = vi.fn();
    render(
      <Modal open title="Working time" onClose={closeOuter}>
        <p>Sessions</p>
        <Modal open title="Delete entry?" onClose={closeInner}>
          <p>Sure?</p>
        </Modal>
      </Modal>,
    );
    await user.keyboard('{Escape}');
    expect(closeInner).toHaveBeenCalledOnce();
    expect(closeOuter).not.toHaveBeenCalled();
  });
});

describe('ConfirmDialog', () => {
  it('starts on Cancel and confirms only on the confirm button', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(<ConfirmDialog open title="Delete entry?" message="This cannot be undone." onConfirm={onConfirm} onCancel={onCancel} />);
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('cannot be dismissed while the action runs', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    render(<ConfirmDialog open loading loadingText="Deleting…" title="Delete entry?" message="Sure?" onConfirm={vi.fn()} onCancel={onCancel} />);
    expect(screen.getByRole('button', { name: 'Deleting…' })).toBeDisabled();
    await user.keyboard('{Escape}');
    expect(onCancel).not.toHaveBeenCalled();
  });
});
