import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";
import { useThreadT } from "./threadI18n.ts";

interface ShownImage {
  url: string;
  alt: string;
}

const ImageViewerContext = createContext<((image: ShownImage) => void) | null>(null);

/** Opens an image full size in the thread's viewer; null outside a thread (the thumbnail then links to the file). */
export function useImageViewer(): ((image: ShownImage) => void) | null {
  return useContext(ImageViewerContext);
}

/**
 * One modal <dialog> for the whole thread, not one per thumbnail: thumbnails come and go as the list scrolls,
 * the viewer must not go with them. showModal() gives the focus trap and Esc for free; focus returns to the
 * thumbnail that opened it.
 */
export function ImageViewerProvider({ children }: { children: ReactNode }) {
  const t = useThreadT();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [image, setImage] = useState<ShownImage | null>(null);

  const show = useCallback((next: ShownImage) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setImage(next);
  }, []);

  useEffect(() => {
    if (image && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [image]);

  const close = () => dialog.current?.close();

  return (
    <ImageViewerContext.Provider value={show}>
      {children}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Esc closes a modal dialog natively; the click is the backdrop's */}
      <dialog
        ref={dialog}
        className="image-viewer"
        aria-label={image?.alt || t("kind_image")}
        data-testid="image-viewer"
        onClose={() => {
          setImage(null);
          opener.current?.focus();
        }}
        onClick={(event) => {
          // A click on the backdrop (the dialog itself, outside the picture) closes it.
          if (event.target === event.currentTarget) close();
        }}
      >
        {image && (
          <>
            <img src={image.url} alt={image.alt} />
            <div className="image-viewer-actions">
              <a href={image.url} download>
                {t("download")}
              </a>
              <button type="button" onClick={close}>
                {t("close")}
              </button>
            </div>
          </>
        )}
      </dialog>
    </ImageViewerContext.Provider>
  );
}
