import { useState } from "react";
import type { MessageAttachment } from "../api.ts";
import { safeHttpUrl } from "../format.ts";
import { useLocaleFormat } from "../localeFormat.ts";
import { fileTypeLabel, formatFileSize, thumbnailBox } from "./attachmentFormat.ts";
import { useImageViewer } from "./ImageViewer.tsx";
import { type ThreadKey, useThreadT } from "./threadI18n.ts";

const THUMBNAIL = 240;
const STICKER = 128;

/**
 * A message's attachments, every address Parley's own (GET /api/messages/:id/attachments/:index): pictures as
 * thumbnails that open full size, audio and video in the browser's own player, anything else as a chip to
 * download with its name, size and type. Names are the customer's and only ever text.
 */
export function AttachmentList({ attachments }: { attachments: MessageAttachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <div className="attachments" data-testid="attachments">
      {attachments.map((attachment, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: attachments have no id and never reorder
        <AttachmentView key={`${attachment.type}-${i}`} attachment={attachment} />
      ))}
    </div>
  );
}

function AttachmentView({ attachment }: { attachment: MessageAttachment }) {
  const [failed, setFailed] = useState(false);
  const { url } = attachment;
  if (url && !failed && (attachment.type === "image" || attachment.type === "sticker"))
    return <Thumbnail attachment={attachment} url={url} onFailed={() => setFailed(true)} />;
  if (url && !failed && attachment.type === "audio")
    return (
      <figure className="attachment-media">
        {/* biome-ignore lint/a11y/useMediaCaption: a customer's voice message comes without captions */}
        <audio
          controls
          preload="none"
          src={url}
          onError={() => setFailed(true)}
          data-testid="attachment-audio"
        />
        {attachment.name && <figcaption>{attachment.name}</figcaption>}
      </figure>
    );
  if (url && !failed && attachment.type === "video") {
    const box = thumbnailBox(attachment.width, attachment.height, 320);
    return (
      <figure className="attachment-media">
        {/* biome-ignore lint/a11y/useMediaCaption: a customer's video comes without captions */}
        <video
          controls
          preload="metadata"
          src={url}
          width={box?.width ?? 320}
          height={box?.height}
          onError={() => setFailed(true)}
          data-testid="attachment-video"
        />
      </figure>
    );
  }
  // A file the browser could not show (gone, or a format it does not play) is still offered as a download.
  return <FileChip attachment={attachment} />;
}

function Thumbnail({
  attachment,
  url,
  onFailed,
}: {
  attachment: MessageAttachment;
  url: string;
  onFailed: () => void;
}) {
  const t = useThreadT();
  const viewer = useImageViewer();
  const sticker = attachment.type === "sticker";
  const box = thumbnailBox(attachment.width, attachment.height, sticker ? STICKER : THUMBNAIL);
  const alt = attachment.name ?? t(sticker ? "kind_sticker" : "kind_image");
  const image = (
    <img
      src={url}
      alt={alt}
      loading="lazy"
      decoding="async"
      // The platform's size reserves the picture's place before it loads, so the rows below do not jump.
      width={box?.width}
      height={box?.height}
      className={sticker ? "attachment-sticker" : "attachment-thumbnail"}
      onError={onFailed}
      data-testid="attachment-image"
    />
  );
  if (sticker) return image;
  return viewer ? (
    <button
      type="button"
      className="attachment-open"
      title={t("openImage")}
      aria-label={`${t("openImage")}: ${alt}`}
      onClick={() => viewer({ url, alt })}
    >
      {image}
    </button>
  ) : (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      className="attachment-open"
      title={t("openImage")}
    >
      {image}
    </a>
  );
}

function FileChip({ attachment }: { attachment: MessageAttachment }) {
  const t = useThreadT();
  const format = useLocaleFormat();
  const kind = t(`kind_${attachment.type}` as ThreadKey);
  const details = [
    fileTypeLabel(attachment.name, attachment.mimeType),
    attachment.size !== null ? formatFileSize(attachment.size, format.tag) : null,
  ].filter(Boolean);
  const label = (
    <>
      <span className="attachment-kind">{kind}</span>
      {attachment.name && <span className="attachment-name">{attachment.name}</span>}
      {details.length > 0 && <span className="attachment-details">{details.join(" · ")}</span>}
    </>
  );
  const link = attachment.type === "link" ? safeHttpUrl(attachment.link) : null;
  if (link)
    return (
      <a className="chip attachment-chip" href={link} target="_blank" rel="noopener noreferrer nofollow">
        {label}
      </a>
    );
  if (attachment.url)
    return (
      <a
        className="chip attachment-chip"
        href={attachment.url}
        download={attachment.name ?? ""}
        title={t("download")}
        data-testid="attachment-file"
      >
        {label}
      </a>
    );
  return <span className="chip attachment-chip">{label}</span>;
}
