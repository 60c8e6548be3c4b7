import {
  ImportDryRunSchema,
  ImportListSchema,
  ImportResultSchema,
  UserListSchema,
  type ImportDryRun,
  type ImportFormat,
  type ImportResult,
  type ImportUserMap,
} from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type UploadProgress } from '../../../lib/api-client';

export const importsQueryKey = ['imports'] as const;

/** GET /api/imports: the history, newest first. */
export function importsQueryOptions() {
  return queryOptions({
    queryKey: importsQueryKey,
    queryFn: ({ signal }) => api.get('/api/imports', { schema: ImportListSchema, signal }),
  });
}

export function useImportHistory() {
  return useQuery(importsQueryOptions());
}

/** The organisation's people, for mapping the file's unknown ones (GET /api/users). */
export function useImportPeople() {
  return useQuery({
    queryKey: ['users', 'import-people'] as const,
    queryFn: ({ signal }) => api.get('/api/users', { schema: UserListSchema, signal }).then((list) => list.items),
  });
}

/** `onProgress`: the upload's bytes sent so far (a large file takes a while to reach the server). */
export type ImportRequest = { format: ImportFormat; file: File; userMap: ImportUserMap; onProgress?: (progress: UploadProgress) => void };
const ignore = () => {};

/** The file as the multipart field `file`, the people mapping as the field `userMap`. */
function formOf({ file, userMap }: ImportRequest): FormData {
  const form = new FormData();
  if (Object.keys(userMap).length > 0) form.append('userMap', JSON.stringify(userMap));
  form.append('file', file, file.name);
  return form;
}

/** POST /api/imports?dryRun=true: what the import would do, nothing written. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (req: ImportRequest): Promise<ImportDryRun> =>
      api.upload('/api/imports', { query: { format: req.format, dryRun: 'true' }, body: formOf(req), schema: ImportDryRunSchema, onProgress: req.onProgress ?? ignore }),
  });
}

/** POST /api/imports?dryRun=false: all or nothing (422 IMPORT_INVALID names the rows). */
export function useRunImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (req: ImportRequest): Promise<ImportResult> =>
      api.upload('/api/imports', { query: { format: req.format, dryRun: 'false' }, body: formOf(req), schema: ImportResultSchema, onProgress: req.onProgress ?? ignore }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** DELETE /api/imports/:id: undo (409 MONTH_LOCKED while a month is approved). */
export function useUndoImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/imports/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
