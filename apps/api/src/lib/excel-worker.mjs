// Runs in a worker thread: turns prepared cells into an .xlsx file, off the API's event loop.
// Plain JavaScript on purpose, so it runs the same under tsx, Vitest and plain Node.
import { parentPort, workerData } from 'node:worker_threads';
import * as XLSX from 'xlsx';

const { sheetName, rows, cols, autofilter } = workerData;
const ws = {};
let maxC = 0;
for (let r = 0; r < rows.length; r++) {
  const row = rows[r];
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (cell === null || cell === undefined) continue;
    ws[XLSX.utils.encode_cell({ r, c })] = cell;
    if (c > maxC) maxC = c;
  }
}
ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length - 1, 0), c: maxC } });
ws['!cols'] = cols;
if (autofilter) ws['!autofilter'] = { ref: autofilter };
ws['!freeze'] = { xSplit: 0, ySplit: 1 };
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, ws, sheetName);
const out = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true });
const ab = out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
parentPort.postMessage(ab, [ab]);
