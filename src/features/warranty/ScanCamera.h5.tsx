import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { CAMERA_START_TIMEOUT_MS, NO_CODE_TIMEOUT_MS, type CameraFailure, type ScanCameraProps } from './ScanCamera';

const T = Object.freeze({
  zh: { starting: '正在打开摄像头…', ready: '摄像头已就绪，正在识别二维码…', noCode: '未识别到二维码，摄像头仍在识别。', label: '摄像头画面' },
  en: { starting: 'Opening the camera…', ready: 'Camera ready; looking for the QR code…', noCode: 'No QR code read yet; the camera is still looking.', label: 'Camera view' },
});

/** How often a frame is decoded: often enough to feel instant, rarely enough to spare the battery. */
const DECODE_INTERVAL_MS = 200;
/** Frames are scaled down to this width before decoding (a printed QR code needs no more). */
const DECODE_WIDTH = 640;

/** A frame decoder: the browser's BarcodeDetector where it reads QR codes, else jsQR (loaded on demand). */
interface Decoder {
  name: 'barcode-detector' | 'jsqr';
  decode: (video: HTMLVideoElement) => Promise<string | null>;
}

interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

async function createDecoder(): Promise<Decoder> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Detector) {
    try {
      const formats = (await Detector.getSupportedFormats?.()) ?? [];
      if (formats.includes('qr_code')) {
        const detector = new Detector({ formats: ['qr_code'] });
        return { name: 'barcode-detector', decode: async (video) => (await detector.detect(video))[0]?.rawValue ?? null };
      }
    } catch {
      // Declared but unusable (some desktop builds): the library below reads the frames instead.
    }
  }
  // A separate chunk, fetched only by browsers without a QR-capable BarcodeDetector.
  const { default: jsQR } = await import(/* webpackChunkName: "jsqr" */ 'jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('2D canvas unavailable');
  const decode = async (video: HTMLVideoElement): Promise<string | null> => {
    const scale = Math.min(1, DECODE_WIDTH / video.videoWidth);
    const width = Math.max(1, Math.round(video.videoWidth * scale));
    const height = Math.max(1, Math.round(video.videoHeight * scale));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    const image = context.getImageData(0, 0, width, height);
    return jsQR(image.data, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
  return { name: 'jsqr', decode };
}

const failureOf = (err: unknown): CameraFailure => {
  const name = typeof err === 'object' && err !== null ? String((err as { name?: unknown }).name ?? '') : '';
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable';
};

/**
 * The browser's camera: `getUserMedia` video in the page (Taro has no `<Camera>` on h5), frames
 * decoded until a QR code is read. A camera that shows no frame within
 * `CAMERA_START_TIMEOUT_MS` is given up, and the page offers typing the number.
 */
export function ScanCameraH5({ lang, onCode, onFail, onNoCode }: ScanCameraProps) {
  const t = T[lang];
  // Set once the first frame is there and the decoder is loaded: the camera is ready.
  const [decoder, setDecoder] = useState<Decoder['name'] | null>(null);
  // Set once the camera has looked for NO_CODE_TIMEOUT_MS without reading a code.
  const [noCode, setNoCode] = useState(false);
  const video = useRef<HTMLVideoElement | null>(null);
  // The latest callbacks, so the camera is not restarted when the page re-renders.
  const handlers = useRef({ onCode, onFail, onNoCode });
  handlers.current = { onCode, onFail, onNoCode };

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let loop: ReturnType<typeof setTimeout> | undefined;
    let noCodeTimer: ReturnType<typeof setTimeout> | undefined;
    let lastCode: string | null = null;

    const stop = () => {
      stopped = true;
      clearTimeout(startTimer);
      clearTimeout(loop);
      clearTimeout(noCodeTimer);
      for (const track of stream?.getTracks() ?? []) track.stop();
      stream = null;
    };
    const fail = (reason: CameraFailure) => {
      if (stopped) return;
      stop();
      handlers.current.onFail(reason);
    };
    const startTimer = setTimeout(() => fail('timeout'), CAMERA_START_TIMEOUT_MS);

    const scan = (decoder: Decoder, el: HTMLVideoElement) => {
      loop = setTimeout(() => {
        if (stopped) return;
        const frame = el.readyState >= 2 && el.videoWidth > 0 ? decoder.decode(el) : Promise.resolve(null);
        frame
          .then((code) => {
            if (stopped) return;
            if (code && code !== lastCode) {
              lastCode = code;
              clearTimeout(noCodeTimer);
              handlers.current.onCode(code);
            }
          })
          .catch((err: unknown) => console.error('[warranty] decoding a frame failed', err))
          .finally(() => {
            if (!stopped) scan(decoder, el);
          });
      }, DECODE_INTERVAL_MS);
    };

    const start = async () => {
      const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
      if (!media?.getUserMedia) {
        fail('unavailable');
        return;
      }
      const decoder = createDecoder();
      const opened = await media.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      if (stopped) {
        for (const track of opened.getTracks()) track.stop();
        return;
      }
      stream = opened;
      const el = video.current;
      if (!el) throw new Error('video element missing');
      el.srcObject = opened;
      await el.play();
      // The camera has started only once a frame is there to decode.
      if (el.readyState < 2 || el.videoWidth === 0) {
        await new Promise<void>((resolve) => el.addEventListener('loadeddata', () => resolve(), { once: true }));
      }
      const ready = await decoder;
      if (stopped) return;
      clearTimeout(startTimer);
      setDecoder(ready.name);
      noCodeTimer = setTimeout(() => {
        if (stopped) return;
        setNoCode(true);
        handlers.current.onNoCode?.();
      }, NO_CODE_TIMEOUT_MS);
      scan(ready, el);
    };
    start().catch((err: unknown) => {
      if (!stopped) console.error('[warranty] the camera did not start', err);
      fail(failureOf(err));
    });
    return stop;
  }, []);

  return (
    <>
      <View className='warranty-viewfinder'>
        <video
        id='warranty-camera'
        ref={video}
        className='warranty-camera warranty-video'
        aria-label={t.label}
        data-decoder={decoder ?? undefined}
        autoPlay
        muted
        playsInline
      />
        {/* The frame the hint below asks the shopper to hold the code in. */}
        <View className='warranty-viewfinder-frame' aria-hidden='true' />
      </View>
      <View id='warranty-camera-state' className='feature-note' role='status'>
        <Text>{noCode ? t.noCode : decoder ? t.ready : t.starting}</Text>
      </View>
    </>
  );
}
