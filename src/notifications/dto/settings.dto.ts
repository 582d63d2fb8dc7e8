import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CHANNELS } from '../../channels/channel';
import { PageOf } from '../../common/dto/page.response';
import { PageQuery } from '../../common/pagination';
import { NOTIFICATION_KINDS } from '../kinds';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HHMM_MSG = 'phải là giờ HH:MM / must be a time HH:MM';
const CHANNEL_MSG = `kênh phải là một trong ${CHANNELS.join(', ')} / channel must be one of ${CHANNELS.join(', ')}`;

export class QuietHours {
  @ApiProperty({ example: '21:00', description: 'Local time (Asia/Ho_Chi_Minh) from which non-urgent messages wait' })
  @Matches(HHMM, { message: `start ${HHMM_MSG}` }) start!: string;
  @ApiProperty({ example: '06:30' }) @Matches(HHMM, { message: `end ${HHMM_MSG}` }) end!: string;
}

export class ChannelsByKind {
  @ApiProperty({ enum: CHANNELS, isArray: true }) @IsArray({ message: 'assignment phải là danh sách / must be a list' }) @ArrayMaxSize(4) @ArrayUnique() @IsIn(CHANNELS, { each: true, message: CHANNEL_MSG }) assignment!: string[];
  @ApiProperty({ enum: CHANNELS, isArray: true }) @IsArray({ message: 'approval phải là danh sách / must be a list' }) @ArrayMaxSize(4) @ArrayUnique() @IsIn(CHANNELS, { each: true, message: CHANNEL_MSG }) approval!: string[];
  @ApiProperty({ enum: CHANNELS, isArray: true }) @IsArray({ message: 'deadline phải là danh sách / must be a list' }) @ArrayMaxSize(4) @ArrayUnique() @IsIn(CHANNELS, { each: true, message: CHANNEL_MSG }) deadline!: string[];
  @ApiProperty({ enum: CHANNELS, isArray: true }) @IsArray({ message: 'update phải là danh sách / must be a list' }) @ArrayMaxSize(4) @ArrayUnique() @IsIn(CHANNELS, { each: true, message: CHANNEL_MSG }) update!: string[];
  @ApiProperty({ enum: CHANNELS, isArray: true }) @IsArray({ message: 'digest phải là danh sách / must be a list' }) @ArrayMaxSize(4) @ArrayUnique() @IsIn(CHANNELS, { each: true, message: CHANNEL_MSG }) digest!: string[];
}

/** What a user chooses: language, quiet hours for non-urgent messages, channels (in order) per kind. */
export class NotificationSettingsDto {
  @ApiProperty({ enum: ['vi', 'en'] }) @IsIn(['vi', 'en'], { message: 'language phải là vi hoặc en / language must be vi or en' }) language!: 'vi' | 'en';
  @ApiPropertyOptional({ type: () => QuietHours, nullable: true, description: 'null: no quiet hours' })
  @IsOptional() @IsObject({ message: 'quietHours phải là đối tượng / quietHours must be an object' }) @ValidateNested() @Type(() => QuietHours) quietHours?: QuietHours | null;
  @ApiProperty({ type: () => ChannelsByKind, description: `Channels in the order tried, per kind (${NOTIFICATION_KINDS.join(', ')}); urgent notifications go on every verified channel whatever is chosen` })
  @IsObject({ message: 'channels phải là đối tượng / channels must be an object' }) @ValidateNested() @Type(() => ChannelsByKind) channels!: ChannelsByKind;
}

export class ContactView {
  @ApiProperty({ enum: ['email', 'phone'] }) kind!: string;
  @ApiProperty() value!: string;
  @ApiProperty() verified!: boolean;
  @ApiProperty({ type: Date, nullable: true }) verifiedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'Until when the code sent last is valid' }) codeExpiresAt!: Date | null;
}

export class PushSubscriptionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The push service (host of the endpoint)' }) service!: string;
  @ApiProperty() createdAt!: Date;
}

export class NotificationSettingsView extends NotificationSettingsDto {
  @ApiProperty({ type: () => [ContactView] }) contacts!: ContactView[];
  @ApiProperty({ type: () => [PushSubscriptionView] }) pushSubscriptions!: PushSubscriptionView[];
  @ApiProperty({ enum: CHANNELS, isArray: true, description: 'Channels this installation has a provider for (in-app is always on)' }) availableChannels!: string[];
}

export class EmailContactDto {
  @ApiProperty({ example: 'can.bo@xa.gov.vn' })
  @IsString({ message: 'value phải là chuỗi / value must be a string' }) @Length(3, 254, { message: 'value dài 3–254 ký tự / value must be 3–254 characters' })
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'value phải là địa chỉ e-mail / value must be an e-mail address' }) value!: string;
}

export class PhoneContactDto {
  @ApiProperty({ example: '0912345678', description: 'A Vietnamese mobile number: 0xxxxxxxxx or +84xxxxxxxxx' })
  @IsString({ message: 'value phải là chuỗi / value must be a string' })
  @Matches(/^(0|\+84)[35789]\d{8}$/, { message: 'value phải là số di động Việt Nam (0xxxxxxxxx hoặc +84xxxxxxxxx) / value must be a Vietnamese mobile number' }) value!: string;
}

export class VerifyContactDto {
  @ApiProperty({ example: '123456' }) @Matches(/^\d{6}$/, { message: 'code phải gồm 6 chữ số / code must be 6 digits' }) code!: string;
}

export class PushKeys {
  @ApiProperty() @Matches(/^[A-Za-z0-9_-]{80,100}=*$/, { message: 'keys.p256dh phải là khóa P-256 base64url / must be a base64url P-256 key' }) p256dh!: string;
  @ApiProperty() @Matches(/^[A-Za-z0-9_-]{16,32}=*$/, { message: 'keys.auth phải là base64url / must be base64url' }) auth!: string;
}

/** A browser's PushSubscription as `JSON.stringify(subscription)` gives it. */
export class PushSubscriptionDto {
  @ApiProperty() @IsString({ message: 'endpoint phải là chuỗi / endpoint must be a string' }) @Length(10, 2000, { message: 'endpoint dài 10–2000 ký tự / endpoint must be 10–2000 characters' })
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'endpoint phải là URL / endpoint must be a URL' }) endpoint!: string;
  @ApiProperty({ type: () => PushKeys }) @IsObject({ message: 'keys phải là đối tượng / keys must be an object' }) @ValidateNested() @Type(() => PushKeys) keys!: PushKeys;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() expirationTime?: number | null;
}

export class ContactSent {
  @ApiProperty({ enum: ['email', 'phone'] }) kind!: string;
  @ApiProperty() value!: string;
  @ApiProperty({ enum: ['email', 'sms', 'zalo'], description: 'The channel the code went through' }) sentBy!: string;
  @ApiProperty() codeExpiresAt!: Date;
}

export class ContactVerified {
  @ApiProperty({ enum: ['email', 'phone'] }) kind!: string;
  @ApiProperty() verifiedAt!: Date;
}

export class ContactRemoved {
  @ApiProperty() removed!: boolean;
}

export class PushSubscribed {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class VapidKeyView {
  @ApiProperty({ type: String, nullable: true, description: 'The VAPID public key (base64url); null when Web Push is not configured' }) publicKey!: string | null;
}

export class AckView {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) caseCode!: string | null;
  @ApiProperty() template!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ description: 'When the next rung is alerted if nobody acknowledges' }) dueAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) acknowledgedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgedBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) reEscalatedAt!: Date | null;
}

export class DeliveryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['queued', 'sending', 'sent', 'delivered', 'failed'] })
  @IsOptional() @IsIn(['queued', 'sending', 'sent', 'delivered', 'failed'], { message: 'status không hợp lệ / status is not a delivery status' }) status?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS, { message: CHANNEL_MSG }) channel?: string;
}

export class DeliveryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: ['queued', 'sending', 'sent', 'delivered', 'failed'] }) status!: string;
  @ApiProperty() urgent!: boolean;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true }) providerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty() template!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) caseId!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) sentAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) deliveredAt!: Date | null;
}

export class DeliveryPage extends PageOf(DeliveryView) {}

export class ReportsAccepted {
  @ApiProperty({ type: 'integer', description: 'Messages the reports matched' }) matched!: number;
}
