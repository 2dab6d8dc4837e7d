// The camera as it will appear in the bubble, before recording starts.
import { useEffect, useRef, useState } from 'react';

export function CameraPreview() {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia({ video: true, audio: false })
      .then((s) => {
        stream = s;
        if (video.current) video.current.srcObject = s;
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, []);
  return (
    <div className="camera-preview">
      {error ? (
        <p role="alert">The camera is not available: {error}</p>
      ) : (
        <video ref={video} autoPlay muted playsInline aria-label="Camera preview" data-testid="camera-preview" />
      )}
    </div>
  );
}
