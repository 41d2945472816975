import type { types } from "@slack/bolt";
import type { Lang } from "../../query/types.js";
import { FORM_TEXT, SAVED_TEXT } from "../copy.js";
import { truncate } from "./limits.js";

/** The small modal that names a search to save, or edits a saved one (name and words). */

export const SAVE_SEARCH_CALLBACK = "save_search";
export const EDIT_SEARCH_CALLBACK = "edit_search";
export const SAVED_BLOCKS = { name: "name", words: "words" } as const;

export interface SavedSearchModal {
  lang: Lang;
  mode: "save" | "edit";
  name?: string | undefined;
  words: string;
  maxName: number;
  maxWords: number;
  /** Opaque to the renderer: where the answer goes and, editing, which search (≤ 3000 chars). */
  privateMetadata: string;
}

const plain = (text: string, max: number) => ({
  type: "plain_text" as const,
  text: truncate(text, max),
});

export function renderSavedSearchModal(modal: SavedSearchModal): types.ModalView {
  const s = SAVED_TEXT[modal.lang];
  const blocks = [
    {
      type: "input",
      block_id: SAVED_BLOCKS.name,
      label: plain(s.name, 2000),
      hint: plain(s.nameHint(modal.maxName), 2000),
      element: {
        type: "plain_text_input",
        action_id: SAVED_BLOCKS.name,
        max_length: modal.maxName,
        ...(modal.name ? { initial_value: truncate(modal.name, modal.maxName) } : {}),
      },
    },
    {
      type: "input",
      block_id: SAVED_BLOCKS.words,
      label: plain(s.words, 2000),
      hint: plain(s.wordsHint, 2000),
      element: {
        type: "plain_text_input",
        action_id: SAVED_BLOCKS.words,
        max_length: modal.maxWords,
        initial_value: truncate(modal.words, modal.maxWords),
      },
    },
  ] as types.KnownBlock[];
  return {
    type: "modal",
    callback_id: modal.mode === "save" ? SAVE_SEARCH_CALLBACK : EDIT_SEARCH_CALLBACK,
    title: plain(modal.mode === "save" ? s.saveTitle : s.editTitle, 24),
    submit: plain(s.saveSubmit, 24),
    close: plain(FORM_TEXT[modal.lang].close, 24),
    private_metadata: modal.privateMetadata,
    blocks,
  };
}
