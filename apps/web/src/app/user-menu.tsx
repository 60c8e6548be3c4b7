import type { Me } from '@workdiary/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { ChevronDownIcon } from '../components/icons';
import { useLogout } from '../features/auth/api/logout';
import { roleLabel } from '../lib/current-user';
import { translate as t } from '../lib/i18n/i18n';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => p?.[0]?.toUpperCase() ?? '').join('') || '?';
}

/** Name + role button; opens a small panel with Profile and Log out. Escape or a click outside closes it. */
export function UserMenu({ me }: { me: Me }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const logout = useLogout();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="avatar" aria-hidden="true">{initials(me.name)}</span>
        <span className="user-menu__name">
          <span className="user-menu__name-text" title={me.name}>{me.name}</span>
          <span className="user-menu__role">{roleLabel(me.role)}</span>
        </span>
        <ChevronDownIcon size={16} />
      </button>
      {open ? (
        <div id={panelId} className="user-menu__panel">
          <div className="user-menu__who">
            <p className="user-menu__who-name">{me.name}</p>
            <p className="user-menu__who-email">{me.email}</p>
            <Badge tone={me.role === 'ADMIN' ? 'info' : 'neutral'}>{roleLabel(me.role)}</Badge>
          </div>
          <Link className="user-menu__item" to="/profile" onClick={() => setOpen(false)}>
            {t('Profile')}
          </Link>
          <Button
            variant="ghost"
            className="user-menu__item"
            loading={logout.isPending}
            loadingText={t('Logging out…')}
            onClick={() => logout.mutate()}
          >
            {t('Log out')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
