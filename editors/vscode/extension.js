// extension.js — starts loopcheck-lsp for the C files of the workspace,
// with vscode-languageclient over stdio.  Settings: loopcheck.path,
// loopcheck.compileCommandsDir, loopcheck.rules (package.json).
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function initializationOptions(config) {
  const options = {};
  const dir = config.get('compileCommandsDir');
  if (dir) {
    options.compileCommandsDir = dir;
  }
  const rules = config.get('rules');
  if (rules && rules.length > 0) {
    options.rules = rules;
  }
  return options;
}

function activate(context) {
  const config = vscode.workspace.getConfiguration('loopcheck');
  const serverOptions = { command: config.get('path'), args: [] };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'c' }],
    initializationOptions: initializationOptions(config),
  };
  client = new LanguageClient('loopcheck', 'loopcheck', serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
