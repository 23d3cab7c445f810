;;; loopcheck.el --- loopcheck-lsp for C buffers, through Eglot  -*- lexical-binding: t; -*-

;;; Commentary:

;; Registers loopcheck-lsp, loopcheck's language server, with Eglot for
;; C buffers: blocking calls reached from an event loop's callbacks show
;; as diagnostics (Flymake), hover on a function name tells its color
;; (async, worker, blocking) and why, and code actions suppress a finding
;; or pass a callback to `uv_fs_*(..., NULL)'.
;;
;;   (add-to-list 'load-path "/path/to/loopcheck/editors/emacs")
;;   (require 'loopcheck)
;;   ;; then M-x eglot in a C buffer, or (add-hook 'c-mode-hook #'eglot-ensure)
;;
;; Eglot runs one server per major mode and project: this entry comes
;; first in `eglot-server-programs', so it takes C buffers from clangd.

;;; Code:

(require 'eglot)

(defgroup loopcheck nil
  "Loopcheck's language server in Eglot."
  :group 'tools)

(defcustom loopcheck-lsp-program "loopcheck-lsp"
  "The loopcheck-lsp executable: a name on `exec-path', or a path."
  :type 'string)

(defcustom loopcheck-compile-commands-dir nil
  "Directory holding compile_commands.json, relative to the project root.
nil: the server looks in build/, then in the root."
  :type '(choice (const :tag "build/, then the root" nil) directory))

(defcustom loopcheck-rules-files nil
  "More model files (.rules), as `loopcheck check --rules'."
  :type '(repeat file))

(defun loopcheck-eglot-contact (_interactive)
  "The Eglot contact for loopcheck-lsp, with its initializationOptions."
  (let ((options (append
                  (when loopcheck-compile-commands-dir
                    (list :compileCommandsDir loopcheck-compile-commands-dir))
                  (when loopcheck-rules-files
                    (list :rules (vconcat loopcheck-rules-files))))))
    (if options
        (list loopcheck-lsp-program :initializationOptions options)
      (list loopcheck-lsp-program))))

(add-to-list 'eglot-server-programs '((c-mode c-ts-mode) . loopcheck-eglot-contact))

(provide 'loopcheck)
;;; loopcheck.el ends here
