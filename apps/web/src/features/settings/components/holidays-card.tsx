import { useEffect, useMemo, useState } from 'react';
import { HolidayOptionsSchema, HolidaySettingsSchema } from '@workdiary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { SelectField } from '../../../components/select-field';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { api } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useLocaleStore } from '../../../lib/i18n/locale-store';

/** Public holidays: the organisation's country and region (for Germany the federal state), and the share a holiday still requires. */
export function HolidaysCard() {
  const t = useT();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings', 'holidays'], queryFn: ({ signal }) => api.get('/api/settings/holidays', { schema: HolidaySettingsSchema, signal }) });
  const countries = useQuery({ queryKey: ['settings', 'holidays', 'countries'], queryFn: ({ signal }) => api.get('/api/settings/holidays/countries', { schema: HolidayOptionsSchema, signal }), staleTime: Infinity });
  const locale = useLocaleStore((s) => s.locale);
  // Country names in the reader's language (the API names them in English): "Deutschland", "Österreich".
  const countryOptions = useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try { names = new Intl.DisplayNames([locale], { type: 'region' }); } catch { names = null; }
    return (countries.data?.items ?? [])
      .map((c) => ({ value: c.code, label: names?.of(c.code) ?? c.name }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  }, [countries.data, locale]);
  const [country, setCountry] = useState('');
  const [region, setRegion] = useState('');
  const [share, setShare] = useState('0');
  const regions = useQuery({
    queryKey: ['settings', 'holidays', 'regions', country],
    queryFn: ({ signal }) => api.get('/api/settings/holidays/regions', { query: { country }, schema: HolidayOptionsSchema, signal }),
    enabled: country !== '',
    staleTime: Infinity,
  });
  useEffect(() => {
    if (!settings.data) return;
    setCountry(settings.data.country ?? '');
    setRegion(settings.data.region ?? '');
    setShare(String(settings.data.sharePercent));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => api.put('/api/settings/holidays', { body: { country: country || null, region: region || null, sharePercent: Number(share) }, schema: HolidaySettingsSchema }),
    onSuccess: async () => {
      toast.success(t('Public holidays saved.'));
      await queryClient.invalidateQueries({ queryKey: ['settings', 'holidays'] });
      await queryClient.invalidateQueries({ queryKey: ['diary'] });
    },
    onError: (error) => toast.error(error, { title: t('Could not save') }),
  });

  return (
    <Card title={t('Public holidays')} className="settings-card">
      {settings.isPending ? <Spinner label={t('Loading…')} /> : null}
      {settings.isError ? <ErrorState error={settings.error} onRetry={() => void settings.refetch()} title={t('Could not load the holiday settings')} /> : null}
      {settings.data ? (
        <form className="stack" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
          <SelectField
            label={t('Country')}
            placeholder={t('No public holidays')}
            options={countryOptions}
            value={country}
            onChange={(e) => { setCountry(e.target.value); setRegion(''); }}
          />
          {country && (regions.data?.items.length ?? 0) > 0 ? (
            <SelectField
              label={t('Region (for Germany the federal state)')}
              placeholder={t('Nationwide holidays only')}
              options={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
              value={region}
              onChange={(e) => setRegion(e.target.value)}
            />
          ) : null}
          <TextField label={t('Share of the day still required on a holiday (%)')} type="number" min={0} max={100} value={share} onChange={(e) => setShare(e.target.value)} hint={t('0 = a holiday is a day off')} />
          <Button type="submit" variant="primary" loading={save.isPending}>{t('Save holidays')}</Button>
        </form>
      ) : null}
    </Card>
  );
}
