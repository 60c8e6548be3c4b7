// Runs in a worker thread: builds the cells from compact column data and zips the .xlsx, off
// the API's event loop. Plain JavaScript on purpose, so it runs the same under tsx, Vitest and Node.
import { parentPort, workerData } from 'node:worker_threads';
import * as XLSX from 'xlsx';

const { sheetName, header, formats, columns, rowCount, totals, cols, autofilter } = workerData;
const ws = {};
const enc = (r, c) => XLSX.utils.encode_cell({ r, c });
header.forEach((h, c) => { ws[enc(0, c)] = { t: 's', v: h }; });
for (let c = 0; c < columns.length; c++) {
  const values = columns[c];
  const numeric = values instanceof Float64Array;
  const z = formats[c];
  for (let r = 0; r < rowCount; r++) {
    const v = values[r];
    if (numeric) {
      if (!Number.isNaN(v)) ws[enc(r + 1, c)] = z ? { t: 'n', v, z } : { t: 'n', v };
    } else if (v !== null && v !== undefined) {
      // Always a string cell: "=1+1" stays text, never a formula.
      ws[enc(r + 1, c)] = { t: 's', v };
    }
  }
}
let lastRow = rowCount;
if (totals) {
  lastRow += 1;
  totals.forEach((cell, c) => { if (cell) ws[enc(lastRow, c)] = cell; });
}
ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: lastRow, c: header.length - 1 } });
ws['!cols'] = cols;
if (autofilter) ws['!autofilter'] = { ref: autofilter };
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, ws, sheetName);
const out = freezeHeader(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }));
const ab = out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
parentPort.postMessage(ab, [ab]);

/**
 * Freezes the header row (SheetJS Community writes no panes): the workbook is written stored
 * (uncompressed), its sheet's <sheetView> gets a frozen pane below row 1, and the zip is written
 * once, compressed, as before.
 */
function freezeHeader(stored) {
  const zip = XLSX.CFB.read(stored, { type: 'buffer' });
  const sheet = XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml');
  if (!sheet) throw new Error('xlsx without xl/worksheets/sheet1.xml');
  const xml = Buffer.from(sheet.content).toString('utf8');
  const frozen = xml.replace(/<sheetView ([^>]*?)\/>/, '<sheetView $1><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    + '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>');
  if (frozen === xml) throw new Error('xlsx sheet without a <sheetView/> to freeze');
  sheet.content = Buffer.from(frozen, 'utf8');
  sheet.size = sheet.content.length;
  return XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip', compression: true });
}
