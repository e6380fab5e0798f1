/*
 * Writing a question in the admin: the sentence search looks only in the chosen article, and
 * the teacher marks the answer by selecting it in the sentence.
 *
 * A static file (the Content Security Policy allows scripts from 'self' only). It does not
 * depend on its place among the admin's scripts (it starts once the document is parsed): the
 * sentence search is Django's select2 autocomplete, and the article id is added to its requests by a jQuery prefilter, so the
 * widget itself is left as Django initialised it. Without JavaScript the form still works:
 * typing the answer as it is written in the sentence finds its span.
 */
"use strict";
{
    // Django's jQuery, looked up once the page has loaded: the admin may place this file
    // before jquery.init.js.
    let $ = null;

    // Offsets in the form are Python string indexes (code points); JavaScript counts UTF-16
    // units, which differ for characters outside the Basic Multilingual Plane.
    const codePoints = (text) => Array.from(text).length;
    const unitIndex = (text, points) => Array.from(text).slice(0, points).join("").length;

    const isSentenceSearch = (params) =>
        params.get("app_label") === "quizzes" &&
        params.get("model_name") === "question" &&
        params.get("field_name") === "sentence";

    function limitSentenceSearchToArticle(articleSelect) {
        $.ajaxPrefilter((options) => {
            if (typeof options.data !== "string") {
                return;
            }
            const params = new URLSearchParams(options.data);
            if (!isSentenceSearch(params)) {
                return;
            }
            if (articleSelect.value) {
                params.set("article", articleSelect.value);
                options.data = params.toString();
            }
            // The article is chosen beside the picker: "#3: …" says enough, without the
            // article id that starts a sentence's usual label.
            // (select2 sets no dataType: jQuery reads JSON from the response's content type.)
            options.dataFilter = (raw) => {
                let data;
                try {
                    data = JSON.parse(raw);
                } catch {
                    return raw; // not the search results: an error page, left to select2
                }
                for (const result of data.results || []) {
                    result.text = String(result.text).replace(/^\d+#/, "#");
                }
                return JSON.stringify(data);
            };
        });
    }

    function setUp() {
        $ = window.django && window.django.jQuery;
        const form = document.getElementById("question_form");
        const marker = document.querySelector(".answer-marker");
        const articleSelect = document.getElementById("id_article");
        const sentenceSelect = document.getElementById("id_sentence");
        if (!form || !marker || !articleSelect || !sentenceSelect || !$) {
            return;
        }
        const textBlock = marker.querySelector(".answer-marker-text");
        const button = marker.querySelector(".answer-marker-use");
        const status = marker.querySelector(".answer-marker-status");
        const startInput = document.getElementById("id_answer_start");
        const endInput = document.getElementById("id_answer_end");
        const answerInput = document.getElementById("id_answer");
        let sentenceText = textBlock.textContent;

        limitSentenceSearchToArticle(articleSelect);

        // The sentence, with the marked span (code point offsets) in a <mark>.
        function showSentence(start, end) {
            textBlock.replaceChildren();
            const valid =
                Number.isInteger(start) &&
                Number.isInteger(end) &&
                start >= 0 &&
                start < end &&
                end <= codePoints(sentenceText);
            if (!valid) {
                textBlock.append(sentenceText);
                return;
            }
            const from = unitIndex(sentenceText, start);
            const to = unitIndex(sentenceText, end);
            const mark = document.createElement("mark");
            mark.className = "answer-span";
            mark.textContent = sentenceText.slice(from, to);
            textBlock.append(sentenceText.slice(0, from), mark, sentenceText.slice(to));
        }

        const offsetsInForm = () => [
            Number.parseInt(startInput.value, 10),
            Number.parseInt(endInput.value, 10),
        ];

        function say(message) {
            status.textContent = message;
        }

        function loadSentence() {
            const id = sentenceSelect.value;
            if (!id) {
                sentenceText = "";
                textBlock.replaceChildren();
                button.hidden = true;
                say("Pick a sentence: it appears here, to select the answer in it.");
                return;
            }
            const url = new URL(marker.dataset.sentenceTextUrl, window.location.href);
            url.searchParams.set("sentence", id);
            fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
                .then((response) => {
                    if (!response.ok) {
                        throw new Error(`the server answered ${response.status}`);
                    }
                    return response.json();
                })
                .then((data) => {
                    if (sentenceSelect.value !== id) {
                        return; // another sentence was picked meanwhile
                    }
                    sentenceText = data.text;
                    button.hidden = false;
                    showSentence(...offsetsInForm());
                    say("Select the answer in the sentence, then use the button.");
                })
                .catch((error) => {
                    button.hidden = true;
                    textBlock.replaceChildren();
                    say(`The sentence could not be loaded (${error.message}): type the answer as written instead.`);
                });
        }

        function useSelection() {
            const selection = window.getSelection();
            const range = selection && selection.rangeCount ? selection.getRangeAt(0) : null;
            if (
                !range ||
                range.collapsed ||
                !textBlock.contains(range.startContainer) ||
                !textBlock.contains(range.endContainer)
            ) {
                say("Select the answer inside the sentence first.");
                return;
            }
            const before = document.createRange();
            before.selectNodeContents(textBlock);
            before.setEnd(range.startContainer, range.startOffset);
            const prefix = before.toString();
            const selected = range.toString();
            // A double-click or a sloppy drag takes spaces along: they are not the answer.
            const answer = selected.trim();
            if (!answer) {
                say("Select the answer inside the sentence first.");
                return;
            }
            const leading = selected.length - selected.trimStart().length;
            const start = codePoints(prefix + selected.slice(0, leading));
            const end = start + codePoints(answer);
            startInput.value = start;
            endInput.value = end;
            answerInput.value = answer;
            selection.removeAllRanges();
            showSentence(start, end);
            say(`Answer set to “${answer}” (characters ${start} to ${end}).`);
        }

        button.addEventListener("click", useSelection);
        // Select2 reports a pick with a jQuery event, which native listeners do not see.
        $(sentenceSelect).on("change", loadSentence);
        // The admin fires "change" on related selects as the page loads: only a new article
        // counts, and a sentence of the previous one no longer fits.
        let article = articleSelect.value;
        $(articleSelect).on("change", () => {
            if (articleSelect.value === article) {
                return;
            }
            article = articleSelect.value;
            if (sentenceSelect.value) {
                $(sentenceSelect).val(null).trigger("change");
            }
        });
        for (const input of [startInput, endInput]) {
            input.addEventListener("input", () => showSentence(...offsetsInForm()));
        }
        loadSentence();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUp);
    } else {
        setUp();
    }
}
