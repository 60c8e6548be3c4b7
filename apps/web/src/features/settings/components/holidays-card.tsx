import { useEffect, useState } from 'react';
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

/** Public holidays: the organisation's country and region (for Germany the federal state), and the share a holiday still requires. */
export function HolidaysCard() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings', 'holidays'], queryFn: ({ signal }) => api.get('/api/settings/holidays', { schema: HolidaySettingsSchema, signal }) });
  const countries = useQuery({ queryKey: ['settings', 'holidays', 'countries'], queryFn: ({ signal }) => api.get('/api/settings/holidays/countries', { schema: HolidayOptionsSchema, signal }), staleTime: Infinity });
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
      toast.success('Public holidays saved.');
      await queryClient.invalidateQueries({ queryKey: ['settings', 'holidays'] });
      await queryClient.invalidateQueries({ queryKey: ['diary'] });
    },
    onError: (error) => toast.error(error, { title: 'Could not save' }),
  });

  return (
    <Card title="Public holidays" className="settings-card">
      {settings.isPending ? <Spinner label="Loading…" /> : null}
      {settings.isError ? <ErrorState error={settings.error} onRetry={() => void settings.refetch()} title="Could not load the holiday settings" /> : null}
      {settings.data ? (
        <form className="stack" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
          <SelectField
            label="Country"
            placeholder="No public holidays"
            options={(countries.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            value={country}
            onChange={(e) => { setCountry(e.target.value); setRegion(''); }}
          />
          {country && (regions.data?.items.length ?? 0) > 0 ? (
            <SelectField
              label="Region (for Germany the federal state)"
              placeholder="Nationwide holidays only"
              options={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
              value={region}
              onChange={(e) => setRegion(e.target.value)}
            />
          ) : null}
          <TextField label="Share of the day still required on a holiday (%)" type="number" min={0} max={100} value={share} onChange={(e) => setShare(e.target.value)} hint="0 = a holiday is a day off" />
          <Button type="submit" variant="primary" loading={save.isPending}>Save holidays</Button>
        </form>
      ) : null}
    </Card>
  );
}
