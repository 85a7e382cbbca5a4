/** Decorative pictograms; the text beside them carries the meaning. */
export function IdCardIcon() {
  return (
    <svg class="way-icon" viewBox="0 0 96 64" aria-hidden="true" focusable="false">
      <rect x="3" y="3" width="90" height="58" rx="8" fill="none" stroke="currentColor" stroke-width="5" />
      <circle cx="28" cy="28" r="10" fill="currentColor" />
      <path d="M12 52c3-10 29-10 32 0" fill="currentColor" />
      <path d="M54 22h28M54 34h28M54 46h18" stroke="currentColor" stroke-width="5" stroke-linecap="round" />
    </svg>
  );
}

export function QrIcon() {
  return (
    <svg class="way-icon" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path
        d="M4 4h22v22H4zM38 4h22v22H38zM4 38h22v22H4z"
        fill="none"
        stroke="currentColor"
        stroke-width="5"
      />
      <path d="M12 12h6v6h-6zM46 12h6v6h-6zM12 46h6v6h-6zM38 38h8v8h-8zM52 38h8v8h-8zM38 52h8v8h-8zM52 52h8v8h-8zM45 45h8v8h-8z" fill="currentColor" />
    </svg>
  );
}
