/**
 * Masks for personal information shown on the staff page (DESIGN.md §7, PIPL): enough is left to tell
 * cases apart at a glance (张*, 110105********002X), not enough to identify anyone. A staff member who
 * needs the full values asks for them on the case page, and that is logged.
 */

/** Characters, not UTF-16 units: a name may hold characters outside the BMP. */
function chars(text: string): string[] {
  return [...text];
}

/** 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskName(name: string): string {
  const c = chars(name.trim());
  if (c.length <= 1) return '*';
  return c[0]! + '*'.repeat(c.length - 1);
}

/** 11010519491231002X → 110105********002X: the region and the check digits stay. */
export function maskIdNumber(id: string): string {
  const c = chars(id.trim());
  if (c.length >= 12) return c.slice(0, 6).join('') + '*'.repeat(c.length - 10) + c.slice(-4).join('');
  if (c.length <= 2) return '*'.repeat(c.length);
  return c[0]! + '*'.repeat(c.length - 2) + c[c.length - 1]!;
}

/** 13912345678 → 139****5678. */
export function maskPhone(phone: string): string {
  const c = chars(phone.trim());
  if (c.length < 8) return '*'.repeat(c.length);
  return c.slice(0, 3).join('') + '*'.repeat(c.length - 7) + c.slice(-4).join('');
}

/** Free text (an address, a name of a place): the first few characters, then a fixed mask that hides the length. */
export function maskText(text: string): string {
  const c = chars(text.trim());
  if (c.length <= 2) return '*'.repeat(Math.max(1, c.length));
  return c.slice(0, Math.min(6, Math.floor(c.length / 2))).join('') + '****';
}

/** How a form field's value is masked, by the field's type in the catalog. */
export function maskFieldValue(type: string | undefined, key: string, value: string): string {
  if (type === 'id-number') return maskIdNumber(value);
  if (type === 'phone') return maskPhone(value);
  if (/(^|\.)name$/i.test(key) || /Name$/.test(key)) return maskName(value);
  if (type === 'date') return '****-**-**';
  return maskText(value);
}
