/** The words the staff page uses for the API's codes: case statuses, material actions, rating levels. */
import type { CaseStatus } from '../../api/schemas.ts';

export const STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  received: '已接收',
  accepted: '已受理',
  processing: '办理中',
  completed: '已办结',
  returned: '已退回',
};

/** What a staff member does to reach a status (the button and the choice in the form). */
export const STATUS_ACTIONS: Readonly<Record<CaseStatus, string>> = {
  received: '接收',
  accepted: '受理',
  processing: '开始办理（办理中）',
  completed: '办结',
  returned: '退回（须填写原因）',
};

/** How the citizen settled a material at the kiosk (the submission record's `action`). */
export const MATERIAL_ACTIONS: Readonly<Record<string, string>> = {
  authorise: '授权核验共享数据',
  exempt: '免提交（电子证照）',
  'bring-original': '电子证照，需携带原件',
  'self-declare': '自行声明',
  'sign-commitment': '告知承诺',
  capture: '自助终端拍摄',
  'bring-paper': '到窗口提交纸质材料',
};

export const MATERIAL_DECISIONS: Readonly<Record<string, string>> = {
  authorised: '已授权',
  signed: '已签署承诺',
  captured: '已拍摄',
  'at-window': '终端未能拍摄，申请人将携带到窗口',
};

/** The national five levels of 好差评. */
export const RATING_LEVELS: Readonly<Record<number, string>> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** How the applicant was identified. */
export const IDENTIFIED_VIA: Readonly<Record<string, string>> = {
  idcard: '居民身份证',
  qr: '电子身份证（扫码）',
  helper: '工作人员帮办录入',
};
