import { useDictionaryT } from "../hooks.ts";
import type { Locale } from "../i18n.ts";

const en = {
  threadLabel: "Messages with {name}",
  loadingOlder: "Loading earlier messages…",
  olderFailed: "Earlier messages could not be loaded.",
  retry: "Try again",
  newMessageFrom: "New message from {name}",
  jumpToLatest: "Latest messages",
  openImage: "Open the image full size",
  download: "Download",
  close: "Close",
  kind_image: "Image",
  kind_video: "Video",
  kind_audio: "Audio",
  kind_file: "File",
  kind_sticker: "Sticker",
  kind_location: "Location",
  kind_contact: "Contact",
  kind_link: "Link",
  kind_other: "Attachment",
} as const;

type Key = keyof typeof en;

const ru: Record<Key, string> = {
  threadLabel: "Сообщения с {name}",
  loadingOlder: "Загружаем более ранние сообщения…",
  olderFailed: "Не удалось загрузить более ранние сообщения.",
  retry: "Повторить",
  newMessageFrom: "Новое сообщение от {name}",
  jumpToLatest: "К последним сообщениям",
  openImage: "Открыть изображение в полном размере",
  download: "Скачать",
  close: "Закрыть",
  kind_image: "Изображение",
  kind_video: "Видео",
  kind_audio: "Аудио",
  kind_file: "Файл",
  kind_sticker: "Стикер",
  kind_location: "Место",
  kind_contact: "Контакт",
  kind_link: "Ссылка",
  kind_other: "Вложение",
};

const pl: Record<Key, string> = {
  threadLabel: "Wiadomości z {name}",
  loadingOlder: "Wczytujemy wcześniejsze wiadomości…",
  olderFailed: "Nie udało się wczytać wcześniejszych wiadomości.",
  retry: "Spróbuj ponownie",
  newMessageFrom: "Nowa wiadomość od {name}",
  jumpToLatest: "Najnowsze wiadomości",
  openImage: "Otwórz obraz w pełnym rozmiarze",
  download: "Pobierz",
  close: "Zamknij",
  kind_image: "Obraz",
  kind_video: "Wideo",
  kind_audio: "Dźwięk",
  kind_file: "Plik",
  kind_sticker: "Naklejka",
  kind_location: "Lokalizacja",
  kind_contact: "Kontakt",
  kind_link: "Link",
  kind_other: "Załącznik",
};

const lv: Record<Key, string> = {
  threadLabel: "Ziņas ar {name}",
  loadingOlder: "Ielādējam agrākās ziņas…",
  olderFailed: "Agrākās ziņas neizdevās ielādēt.",
  retry: "Mēģināt vēlreiz",
  newMessageFrom: "Jauna ziņa no {name}",
  jumpToLatest: "Uz jaunākajām ziņām",
  openImage: "Atvērt attēlu pilnā izmērā",
  download: "Lejupielādēt",
  close: "Aizvērt",
  kind_image: "Attēls",
  kind_video: "Video",
  kind_audio: "Audio",
  kind_file: "Fails",
  kind_sticker: "Uzlīme",
  kind_location: "Atrašanās vieta",
  kind_contact: "Kontakts",
  kind_link: "Saite",
  kind_other: "Pielikums",
};

export type ThreadKey = Key;

const dictionaries: Record<Locale, Record<Key, string>> = { en, ru, pl, lv };

/** The thread's and attachments' own strings (kept apart from i18n.ts, like the other features' dictionaries). */
export function useThreadT() {
  return useDictionaryT(dictionaries);
}
