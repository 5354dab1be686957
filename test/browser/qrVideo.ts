/**
 * A camera feed for Chromium's fake capture device: a YUV4MPEG2 file whose frames show a QR code,
 * as the phone's camera would see a warranty card held in front of it.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

export interface QrVideoOptions {
  width?: number;
  height?: number;
  /** Pixels per QR module. */
  scale?: number;
  frames?: number;
  /** Luma of the background (16 black … 235 white). */
  background?: number;
}

/**
 * Writes `path` (4:2:0, 10 fps): a light frame with `text` as a QR code in the middle, dark on
 * light; `text` null gives a frame without a code (a camera not yet pointed at the card).
 */
export function writeQrVideo(path: string, text: string | null, options: QrVideoOptions = {}): void {
  const { width = 640, height = 480, scale = 8, frames = 10, background = 235 } = options;
  const modules = text === null ? { size: 0, get: () => 0 } : QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const side = modules.size * scale;
  if (side + 8 * scale > Math.min(width, height)) throw new Error(`a QR code of ${modules.size} modules does not fit ${width}×${height} at scale ${scale}`);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  // Luma only carries the code; chroma is neutral grey. Video range: 16 black, 235 white.
  const luma = Buffer.alloc(width * height, background);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (modules.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
