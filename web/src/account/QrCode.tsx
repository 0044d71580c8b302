/** A QR code drawn as inline SVG (lean-qr), so the authenticator app can scan the otpauth:// URI. */
import { generate } from 'lean-qr';
import { toSvgPath } from 'lean-qr/extras/svg';

const PAD = 4;

export function QrCode(props: { readonly text: string; readonly label: string; readonly size?: number }) {
  const code = generate(props.text);
  const side = code.size + 2 * PAD;
  return (
    <svg
      role="img"
      aria-label={props.label}
      viewBox={`${-PAD} ${-PAD} ${side} ${side}`}
      width={props.size ?? 192}
      height={props.size ?? 192}
      shapeRendering="crispEdges"
      data-testid="second-factor-qr"
    >
      <rect x={-PAD} y={-PAD} width={side} height={side} fill="#ffffff" />
      <path d={toSvgPath(code)} fill="#000000" />
    </svg>
  );
}
